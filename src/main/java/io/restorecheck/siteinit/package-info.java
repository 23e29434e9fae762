/**
 * {@code init} and {@code accept --dry-run}: the config-editing loop. {@code init} surveys a live site read-only
 * (catalog, server settings, a few pages, memcached, a short polite latency probe) and writes a site config whose
 * every guess carries its evidence and alternatives; the dry run resolves a config against the live site in
 * seconds, without load and without the reference replay.
 */
package io.restorecheck.siteinit;
