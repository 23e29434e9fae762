package io.restorecheck.demo;

import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.TuningLab;
import io.restorecheck.report.Progress;
import java.nio.file.Path;
import java.util.Map;

/**
 * The restored demo stack as a {@link TuningLab}: its owner ({@link RunningStack}) restarts the restored
 * PostgreSQL and memcached with other settings, and the wiki follows them (repointed to the new database port,
 * switched to the new cache).
 */
public final class TuneLab implements TuningLab {
    private final DemoStack stack;

    private TuneLab(DemoStack stack) {
        this.stack = stack;
    }

    /** Builds the restored stack as the demo does (primary, backup, edits, outage, restore, wiki repointed). */
    public static TuneLab start(DemoOptions options, Progress progress) {
        return new TuneLab(DemoStack.build(options, progress));
    }

    @Override
    public void restartPostgres(Map<String, String> settings) {
        stack.running().restartPostgres(settings);
    }

    @Override
    public void restartMemcached(MemcachedOptions options) {
        stack.running().restartMemcached(options);
    }

    @Override
    public String siteBaseUrl() {
        return stack.running().wiki().baseUrl();
    }

    @Override
    public String jdbcUrl() {
        return stack.running().restoredServer().jdbcUrl(DemoStack.DATABASE);
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String memcachedAddress() {
        return stack.running().memcached().address();
    }

    @Override
    public Path postgresLog() {
        return stack.running().restoredServer().logFile();
    }

    @Override
    public Path writeSiteConfig() {
        return stack.writeSiteConfig(stack.workDir().resolve("site.conf"));
    }

    @Override
    public void close() {
        stack.close();
    }
}
