package io.restorecheck.lab;

import java.nio.file.Path;
import java.util.Map;

/**
 * A running site whose PostgreSQL and memcached the harness may restart with other settings, the site following
 * both ({@code tune --lab}). The tuner depends on this, not on how the stack was built (the demo builds the
 * only one today).
 */
public interface TuningLab extends AutoCloseable {
    /**
     * Restarts PostgreSQL with {@code settings} on its command line (they win over postgresql.conf; an empty map
     * restarts it as configured) and repoints the site to it.
     *
     * @throws LabException when it does not start with them (the log at {@link #postgresLog} says why)
     */
    void restartPostgres(Map<String, String> settings);

    /** Starts a memcached with {@code options}, switches the site's cache to it and stops the old one. */
    void restartMemcached(MemcachedOptions options);

    String siteBaseUrl();

    String jdbcUrl();

    String user();

    String memcachedAddress();

    /** The log of PostgreSQL, for errors naming a setting it refused. */
    Path postgresLog();

    /** Writes the site config of the stack as it runs now (ports change on restart) and returns its path. */
    Path writeSiteConfig();

    @Override
    void close();
}
