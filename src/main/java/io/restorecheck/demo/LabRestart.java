package io.restorecheck.demo;

import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.FreePorts;
import io.restorecheck.lab.LabException;
import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.report.Progress;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A reboot without a machine: every service of the running lab stops (wiki, memcached, PostgreSQL with a fast
 * shutdown), then starts again on the same ports, PostgreSQL first, as a boot would bring them up. With
 * {@code memcached-port} the wiki comes back pointed at a port where nothing listens (the site config still names
 * the real memcached): the wrong-port restore, made on a running lab.
 */
final class LabRestart {
    private static final long PORT_RETRY_MILLIS = 15_000;

    private LabRestart() {
    }

    /**
     * Stops every service, runs {@code stopped} once all are down (the lab tells {@code lab restart} so), starts
     * them again, and returns the memcached address the wiki now uses.
     */
    static String restart(DemoStack stack, boolean wrongCachePort, Progress progress, Runnable stopped) {
        int pgPort = stack.restored.port();
        int cachePort = stack.memcached.port();
        int wikiPort = stack.wiki.port();
        progress.step("stop the wiki, memcached and PostgreSQL", () -> {
            stack.wiki.close();
            stack.memcached.close();
            stack.restored.stop(ShutdownMode.FAST);
        });
        stopped.run();
        PgServer pg = progress.step("start PostgreSQL", () -> stack.replace(stack.restored,
                stack.restored.cluster().start("restored", pgPort, Map.of())), PgServer::toString);
        stack.restored = pg;
        Memcached memcached = progress.step("start memcached", () -> stack.replace(stack.memcached,
                Memcached.start(stack.memcached.options(), cachePort)), Memcached::address);
        stack.memcached = memcached;
        String cache = wrongCachePort ? "127.0.0.1:" + FreePorts.unused() : memcached.address();
        WikiServer wiki = progress.step("start the wiki", () -> stack.replace(stack.wiki, startWiki(
                WikiServer.Options.of(pg.jdbcUrl(DemoStack.DATABASE), "postgres", "").withMemcached(cache)
                        .withPort(wikiPort))), w -> w.baseUrl() + " with cache " + cache
                + (wrongCachePort ? " (memcached-port: nothing listens there)" : ""));
        stack.wiki = wiki;
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
}
