/**
 * The demo: the whole outage-and-restore story on this machine (primary with WAL archiving, the sample wiki
 * with memcached, base backup, more edits, outage, restore), the faults it can inject, and the sample wiki.
 * Measurement packages never import it.
 */
package io.restorecheck.demo;
