package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smoke on the real lab (PostgreSQL, memcached, the wiki, started by {@code lab up}): healthy, memcached stopped by
 * hand, the wiki brought back on a dead memcached port, a reboot ({@code lab restart}) waited out with
 * {@code --wait}, and accept's preflight on a stopped database.
 */
class SmokeLabIT {
    @TempDir
    Path reports;

    @AfterEach
    void down() {
        Main.run("lab", "down", "--reports", reports.toString());
    }

    @Test
    void smokeSeesEachPartGoAndComeBackAndAcceptStopsAtTheDownDatabase() throws Exception {
        assertEquals(0, Main.run("lab", "up", "--reports", reports.toString(), "--pages", "100"));
        Path conf = reports.resolve("lab/site.conf");
        Map<String, Object> state = state();

        long t0 = System.nanoTime();
        assertEquals(0, smoke(conf), "smoke on the healthy lab: " + notPassed(latest()));
        System.out.printf("smoke on the healthy lab, in-process (no JVM start): %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        Summary healthy = latest();
        assertEquals(List.of("smoke.database", "smoke.archiving", "smoke.cache", "smoke.site", "smoke.services"),
                healthy.checks().stream().map(CheckResult::id).toList());
        assertTrue(Files.isRegularFile(reports.resolve("latest/summary.md")));
        assertTrue(Files.isRegularFile(reports.resolve("latest/index.html")));
        try (var junit = Files.list(reports.resolve("latest/junit"))) {
            assertTrue(junit.anyMatch(f -> f.toString().endsWith(".xml")), "JUnit XML for CI");
        }
        assertFalse(Files.exists(reports.resolve("latest/allure-report")), "no Allure report unless --report full");
        assertFalse(Files.exists(reports.resolve("latest/allure-results")), "nor its results");
        assertEquals(0, smoke(conf, "--report", "full"));
        try (var allure = Files.list(reports.resolve("latest/allure-results"))) {
            assertTrue(allure.anyMatch(f -> f.toString().endsWith("-result.json")), "--report full: Allure results");
        }
        assertEquals(healthy.checks().stream().map(CheckResult::id).toList(),
                latest().checks().stream().map(CheckResult::id).toList(), "the same checks through the suite");

        // The site shows other titles than the config expects: smoke.site fails naming the page and both titles.
        Path wrongTitle = Files.writeString(reports.resolve("wrong-title.conf"), Files.readString(conf)
                .replace("title { selector = \"h1#page-title\" }",
                        "title { selector = \"h1#page-title\", format = \"{title} (old site)\" }"));
        assertEquals(1, smoke(wrongTitle));
        assertFailed(latest(), "smoke.site", "(old site)");

        // memcached stopped by hand: smoke.cache fails naming its address.
        ProcessHandle memcached = ProcessHandle.of(number(map(state, "memcached").get("pid"))).orElseThrow();
        memcached.destroy();
        memcached.onExit().get(10, TimeUnit.SECONDS);
        assertEquals(1, smoke(conf));
        String address = (String) map(state, "memcached").get("address");
        assertFailed(latest(), "smoke.cache", address);
        assertFailed(latest(), "smoke.cache", "does not answer");

        // The wiki comes back on a port where nothing listens; site.conf still names the real memcached.
        assertEquals(0, Main.run("lab", "restart", "--reports", reports.toString(), "--break", "memcached-port",
                "--down-for", "0s"));
        awaitRestarted(address, false);
        assertEquals(1, smoke(conf));
        assertFailed(latest(), "smoke.cache", "not using this cache");
        assertEquals(CheckStatus.PASSED, check(latest(), "smoke.site").status(), "the site itself is fine");

        // A reboot: every service down for 5 s, then back; smoke --wait reports when each part was ready.
        assertEquals(0, Main.run("lab", "restart", "--reports", reports.toString()));
        assertEquals(0, smoke(conf, "--wait", "120s"), "smoke --wait after lab restart: " + notPassed(latest()));
        Summary waited = latest();
        Map<String, Object> smoke = map(waited.metrics(), "smoke");
        Map<String, Object> ready = map(smoke, "ready_after_seconds");
        for (String part : List.of("smoke.database", "smoke.archiving", "smoke.cache", "smoke.site")) {
            assertNotNull(ready.get(part), part + " has a time to ready: " + smoke);
            assertTrue(check(waited, part).message().startsWith("ready "), check(waited, part).message());
        }
        assertTrue(((Number) ready.get("smoke.database")).doubleValue() > 1.0,
                "the database was down for 5 s after the restart, so not ready at the first probe: " + smoke);
        assertTrue(((Number) smoke.get("probes")).intValue() > 1, "polled: " + smoke);
        assertNotNull(smoke.get("time_to_ready_seconds"));
        assertTrue(((Number) smoke.get("time_to_ready_seconds")).doubleValue()
                >= ((Number) ready.get("smoke.site")).doubleValue());

        // The database stopped by hand (fast shutdown): accept says so in one line, first, and checks nothing else.
        Map<String, Object> after = state();
        long postgres = number(after.get("postgres_pid"));
        new ProcessBuilder("kill", "-INT", Long.toString(postgres)).start().waitFor(10, TimeUnit.SECONDS);
        ProcessHandle.of(postgres).ifPresent(p -> p.onExit().join());
        long a0 = System.nanoTime();
        assertEquals(1, Main.run("accept", "-c", conf.toString(), "--reports", reports.toString()));
        System.out.printf("accept on the stopped database: %d ms%n", (System.nanoTime() - a0) / 1_000_000);
        Summary accept = latest();
        CheckResult first = accept.checks().get(0);
        assertEquals("accept.preflight", first.id());
        assertEquals(CheckStatus.FAILED, first.status());
        assertTrue(first.message().contains("the database " + after.get("database") + " does not answer"),
                first.message());
        assertFalse(first.message().contains("\n"), "one line");
        assertTrue(accept.checks().size() > 10, "every check accounted for: " + accept.checks().size());
        assertTrue(accept.checks().stream().skip(1).allMatch(c -> c.status() == CheckStatus.SKIPPED
                && c.message().contains("does not answer")), "the others are skipped with the reason: "
                + notPassed(accept));
        List<String> md = Files.readAllLines(reports.resolve("latest/summary.md"));
        assertTrue(md.get(2).startsWith("**the database"), "summary.md says it right under the heading: " + md);
    }

    private int smoke(Path conf, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "smoke";
        args[1] = "-c";
        args[2] = conf.toString();
        args[3] = "--reports=" + reports;
        System.arraycopy(more, 0, args, 4, more.length);
        return Main.run(args);
    }

    /** Waits until the lab has written its state after a restart (the wiki's memcached changed or not). */
    private void awaitRestarted(String memcachedAddress, boolean sameCache) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Object wikiCache = state().get("wiki_memcached");
            if (memcachedAddress.equals(wikiCache) == sameCache) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the lab did not finish its restart within 90 s: " + state());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> state() throws Exception {
        for (int i = 0; ; i++) {
            try {
                return SummaryWriter.json().readValue(reports.resolve("lab/lab.json").toFile(), Map.class);
            } catch (java.io.IOException e) {
                if (i > 20) {
                    throw e;
                }
                Thread.sleep(100); // being replaced
            }
        }
    }

    private Summary latest() throws Exception {
        return SummaryWriter.read(reports.resolve("latest/summary.json"));
    }

    private static void assertFailed(Summary s, String id, String evidence) {
        CheckResult c = check(s, id);
        assertEquals(CheckStatus.FAILED, c.status(), id + ": " + c.message());
        assertTrue(c.message().contains(evidence), id + " names '" + evidence + "': " + c.message());
    }

    private static CheckResult check(Summary s, String id) {
        return s.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError("no " + id + " in " + s.checks()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }

    private static List<String> notPassed(Summary s) {
        return s.checks().stream().filter(c -> c.status() != CheckStatus.PASSED)
                .map(c -> c.id() + " " + c.status().json() + ": " + c.message()).toList();
    }
}
