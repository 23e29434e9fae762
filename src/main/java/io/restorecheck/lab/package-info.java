/**
 * Managed processes: PostgreSQL clusters (initdb, start, stop), base backups and restores from a base
 * backup plus a WAL archive, and the memcached daemon. Infrastructure for the demo, the tests and the
 * reference replay; it knows nothing of checks or reports. {@link io.restorecheck.lab.TuningLab} is what the tuner
 * drives: a running site whose PostgreSQL and memcached it may restart with other settings.
 */
package io.restorecheck.lab;
