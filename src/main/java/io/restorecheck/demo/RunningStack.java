package io.restorecheck.demo;

import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.FreePorts;
import io.restorecheck.lab.LabException;
import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.report.Progress;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The owner of the restored stack's processes: the only class that starts, replaces and stops them (the restored
 * PostgreSQL, memcached, the wiki, and what the story started on the way). Others read where they run and ask it
 * to restart them; it stops every process, newest first, and deletes the work folder on {@link #close}.
 */
final class RunningStack implements AutoCloseable {
    private static final long PORT_RETRY_MILLIS = 15_000;

    private final Path workDir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private PgServer restored;
    private Memcached memcached;
    private WikiServer wiki;

    RunningStack(Path workDir) {
        this.workDir = workDir;
    }

    /** Takes a process the story started into its care: {@link #close} stops it. */
    <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** The story is told: these three are the restored stack (all three already tracked). */
    void restored(PgServer restoredServer, Memcached cache, WikiServer wikiServer) {
        this.restored = restoredServer;
        this.memcached = cache;
        this.wiki = wikiServer;
    }

    PgServer restoredServer() {
        return restored;
    }

    Memcached memcached() {
        return memcached;
    }

    WikiServer wiki() {
        return wiki;
    }

    /**
     * Restarts the restored PostgreSQL with {@code settings} on its command line (they win over postgresql.conf;
     * an empty map restarts it as restored) and repoints the wiki to it.
     */
    void restartPostgres(Map<String, String> settings) {
        PgServer old = restored;
        old.stop(ShutdownMode.FAST);
        restored = replace(old, old.cluster().start("restored", settings));
        wiki.repoint(restored.jdbcUrl(DemoStack.DATABASE), "postgres", "");
    }

    /** Starts a memcached with {@code options}, switches the wiki's cache to it and stops the old one. */
    void restartMemcached(MemcachedOptions options) {
        Memcached old = memcached;
        memcached = replace(old, Memcached.start(options));
        wiki.switchCache(List.of(memcached.address()));
        old.close();
    }

    /**
     * A reboot without a machine: every service stops (wiki, memcached, PostgreSQL with a fast shutdown), {@code
     * stopped} runs once all are down, then they start again on the same ports, PostgreSQL first, as a boot would
     * bring them up. With {@code wrongCachePort} the wiki comes back pointed at a port where nothing listens (the
     * site config still names the real memcached): the wrong-port restore, made on a running lab. Returns the
     * memcached address the wiki now uses.
     */
    String reboot(boolean wrongCachePort, Progress progress, Runnable stopped) {
        int pgPort = restored.port();
        int cachePort = memcached.port();
        int wikiPort = wiki.port();
        progress.step("stop the wiki, memcached and PostgreSQL", () -> {
            wiki.close();
            memcached.close();
            restored.stop(ShutdownMode.FAST);
        });
        stopped.run();
        PgServer oldPg = restored;
        restored = progress.step("start PostgreSQL", () -> replace(oldPg, oldPg.cluster().start("restored", pgPort,
                Map.of())), PgServer::toString);
        Memcached oldCache = memcached;
        memcached = progress.step("start memcached", () -> replace(oldCache, Memcached.start(oldCache.options(),
                cachePort)), Memcached::address);
        String cache = wrongCachePort ? "127.0.0.1:" + FreePorts.unused() : memcached.address();
        WikiServer oldWiki = wiki;
        PgServer pg = restored;
        wiki = progress.step("start the wiki", () -> replace(oldWiki, startWiki(
                WikiServer.Options.of(pg.jdbcUrl(DemoStack.DATABASE), "postgres", "").withMemcached(cache)
                        .withPort(wikiPort))), w -> w.baseUrl() + " with cache " + cache
                + (wrongCachePort ? " (memcached-port: nothing listens there)" : ""));
        return cache;
    }

    /** The port was just released; a connection of the last run may hold it for a moment. */
    private static WikiServer startWiki(WikiServer.Options options) {
        long deadline = System.currentTimeMillis() + PORT_RETRY_MILLIS;
        while (true) {
            try {
                return WikiServer.start(options);
            } catch (UncheckedIOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new LabException("the wiki cannot listen on 127.0.0.1:" + options.port() + " again", e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new LabException("interrupted", ie);
                }
            }
        }
    }

    /** Puts a restarted process in the place of the one it replaces, so {@link #close} stops the right one. */
    private <T extends AutoCloseable> T replace(AutoCloseable old, T fresh) {
        int at = open.indexOf(old);
        if (at < 0) {
            open.add(fresh);
        } else {
            open.set(at, fresh);
        }
        return fresh;
    }

    /** Stops every process (newest first) and deletes the work folder. */
    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                System.err.println("restorecheck: stopping " + open.get(i) + " failed: " + e.getMessage());
            }
        }
        open.clear();
        Processes.deleteTree(workDir);
    }
}
