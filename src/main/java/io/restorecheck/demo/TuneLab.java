package io.restorecheck.demo;

import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.report.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The restored demo stack as a tuning lab: the restored PostgreSQL and memcached can be restarted with other
 * settings, and the wiki follows them (repointed to the new database port, switched to the new cache).
 */
public final class TuneLab implements AutoCloseable {
    private final DemoStack stack;

    private TuneLab(DemoStack stack) {
        this.stack = stack;
    }

    /** Builds the restored stack as the demo does (primary, backup, edits, outage, restore, wiki repointed). */
    public static TuneLab start(DemoOptions options, Progress progress) {
        return new TuneLab(DemoStack.build(options, progress));
    }

    /**
     * Restarts the restored PostgreSQL with {@code settings} on its command line (they win over postgresql.conf;
     * an empty map restarts it as restored) and repoints the wiki to it.
     */
    public void restartPostgres(Map<String, String> settings) {
        PgServer old = stack.restored;
        old.stop(ShutdownMode.FAST);
        stack.restored = stack.replace(old, old.cluster().start("restored", settings));
        stack.wiki.repoint(jdbcUrl(), user(), "");
    }

    /** Starts a memcached with {@code options}, switches the wiki's cache to it and stops the old one. */
    public void restartMemcached(MemcachedOptions options) {
        Memcached old = stack.memcached;
        Memcached fresh = Memcached.start(options);
        stack.memcached = stack.replace(old, fresh);
        stack.wiki.switchCache(List.of(fresh.address()));
        old.close();
    }

    public String wikiBaseUrl() {
        return stack.wiki.baseUrl();
    }

    public String jdbcUrl() {
        return stack.restored.jdbcUrl(DemoStack.DATABASE);
    }

    public String user() {
        return "postgres";
    }

    public String memcachedAddress() {
        return stack.memcached.address();
    }

    /** The log of the restored PostgreSQL, for errors naming a setting it refused. */
    public Path postgresLog() {
        return stack.restored.logFile();
    }

    /** Writes the site config of the stack as it runs now into the lab's work folder (ports change on restart). */
    public Path writeSiteConfig() {
        return DemoSiteConfig.write(stack.workDir().resolve("site.conf"), stack.siteConfigStack());
    }

    @Override
    public void close() {
        stack.close();
    }
}
