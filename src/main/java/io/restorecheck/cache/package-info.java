/**
 * memcached as the load sees it: {@code stats} sampled through xmemcached before, during and after the load on
 * every configured server, the deltas, and the cache checks. Read-only: never sets, deletes or flushes.
 */
package io.restorecheck.cache;
