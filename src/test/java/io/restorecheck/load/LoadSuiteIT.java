package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.cli.Main;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code accept --only load} against a real wiki, PostgreSQL and memcached, with configs that must fail. */
class LoadSuiteIT {
    private static WikiStack stack;

    @TempDir
    Path reports;

    @BeforeAll
    static void start() throws Exception {
        stack = WikiStack.start(200);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void unreachableMemcachedAndUnreachableThroughputFloorFailTheirChecksWithTheEvidence() throws Exception {
        Path conf = stack.siteConfig(
                "cache { servers = [\"" + stack.memcached.address() + "\", \"" + stack.deadMemcached + "\"] }",
                "load { duration = 4s, arrival-rate = 20, min-throughput = 50000, max-rate = 100, capacity-budget = 0s }");
        assertEquals(1, Main.run("accept", "-c", conf.toString(), "--only", "load", "--reports", reports.toString()));
        Summary s = SummaryWriter.read(reports.resolve("latest").resolve("summary.json"));

        CheckResult throughput = check(s, "load.throughput");
        assertEquals(CheckStatus.FAILED, throughput.status(), throughput.message());
        assertTrue(throughput.message().contains("floor 50000.0"), throughput.message());
        assertEquals(CheckStatus.PASSED, check(s, "load.errors").status(), check(s, "load.errors").message());

        for (String id : new String[] {"cache.used", "cache.hit-ratio", "cache.evictions"}) {
            CheckResult c = check(s, id);
            assertEquals(CheckStatus.FAILED, c.status(), id + ": " + c.message());
            assertTrue(c.message().contains(stack.deadMemcached + " is unreachable"), id + ": " + c.message());
        }
        assertTrue(Files.isRegularFile(reports.resolve("latest/gatling/WikiBrowse/index.html")));
    }

    @Test
    void pagesTheSiteDoesNotServeFailLoadErrorsWithTheRatio() throws Exception {
        // The database lists pages the site answers 404 for (as when the app reads another database).
        Path conf = stack.siteConfig("cache { servers = [\"" + stack.memcached.address() + "\"] }",
                "load { duration = 4s, arrival-rate = 20, max-rate = 100, warm-up = false, capacity-budget = 0s }\n"
                        + "pages { list-query = \"SELECT propercased_name || ' Gone' AS title FROM curPages\" }");
        assertEquals(1, Main.run("accept", "-c", conf.toString(), "--only", "load", "--reports", reports.toString()));
        Summary s = SummaryWriter.read(reports.resolve("latest").resolve("summary.json"));

        CheckResult errors = check(s, "load.errors");
        assertEquals(CheckStatus.FAILED, errors.status(), errors.message());
        assertTrue(((Number) errors.measured()).doubleValue() > 0.5, errors.message());
        assertTrue(errors.message().contains("requests failed"), errors.message());
    }

    @Test
    void capacityRampReportsTheHighestStepThatHeld() throws Exception {
        Path conf = stack.siteConfig("cache { servers = [\"" + stack.memcached.address() + "\"], min-hit-ratio = 0 }",
                "load { simulation = CapacityRamp, duration = 6s, arrival-rate = 10, max-rate = 30, ramp-steps = 3,"
                        + " max-p95 = 5s, warm-up = false, capacity-budget = 0s }");
        Main.run("accept", "-c", conf.toString(), "--only", "load", "--reports", reports.toString());
        Summary s = SummaryWriter.read(reports.resolve("latest").resolve("summary.json"));
        CheckResult throughput = check(s, "load.throughput");
        assertEquals(CheckStatus.PASSED, throughput.status(), throughput.message());
        assertTrue(throughput.message().contains("highest step that held: step 3"), throughput.message());
        assertEquals(CheckStatus.PASSED, check(s, "cache.used").status(), check(s, "cache.used").message());
        assertTrue(Files.isRegularFile(reports.resolve("latest/gatling/CapacityRamp/index.html")));
    }

    @Test
    void wikiWhosePagesSleepFailsLatencyP95NamingTheMeasuredPercentile() throws Exception {
        // A real slow site: every curPages row the wiki reads costs 200 ms in PostgreSQL, and nothing is cached.
        stack.pg.createDatabase("slowwiki");
        try (java.sql.Connection c = stack.pg.connect("slowwiki"); java.sql.Statement st = c.createStatement()) {
            io.restorecheck.demo.wiki.WikiSchema.create(c);
            io.restorecheck.demo.wiki.WikiData.generate(c, 30, 7);
            st.execute("ALTER TABLE curPages RENAME TO curpages_data");
            // PL/pgSQL, not SQL: a SQL function would be inlined and "... OR true" folded away, sleep and all.
            st.execute("CREATE FUNCTION slow_row() RETURNS boolean LANGUAGE plpgsql VOLATILE AS "
                    + "'BEGIN PERFORM pg_sleep(0.2); RETURN true; END'");
            st.execute("CREATE VIEW curPages AS SELECT * FROM curpages_data WHERE slow_row()");
        }
        try (io.restorecheck.demo.wiki.WikiServer slow = io.restorecheck.demo.wiki.WikiServer.start(
                io.restorecheck.demo.wiki.WikiServer.Options.of(stack.pg.jdbcUrl("slowwiki"), "postgres", "")
                        .withMemcached(stack.deadMemcached))) {
            Path conf = Files.writeString(reports.resolve("slow.conf"), """
                    site     { base-url = "%s" }
                    database { url = "%s", user = postgres }
                    pages    { list-query = "SELECT propercased_name AS title FROM curpages_data", sample = 30 }
                    cache    { servers = ["%s"] }
                    load     { duration = 4s, arrival-rate = 5, max-rate = 10, max-p95 = 100ms, warm-up = false,
                                     capacity-budget = 0s }
                    """.formatted(slow.baseUrl(), stack.pg.jdbcUrl("slowwiki"), stack.memcached.address()));
            assertEquals(1, Main.run("accept", "-c", conf.toString(), "--only", "load", "--reports",
                    reports.resolve("out").toString()));
        }
        Summary s = SummaryWriter.read(reports.resolve("out/latest/summary.json"));
        CheckResult p95 = check(s, "load.latency.p95");
        assertEquals(CheckStatus.FAILED, p95.status(), p95.message());
        assertTrue(((Number) p95.measured()).intValue() >= 200, p95.message());
        // Slow because of the pages, not a busy machine: even the median request waited for its rows.
        java.util.regex.Matcher p50 = java.util.regex.Pattern.compile("\\(p50 (\\d+)").matcher(p95.message());
        assertTrue(p50.find() && Integer.parseInt(p50.group(1)) >= 200, p95.message());
        assertTrue(p95.message().matches("p95 \\d+ ms over \\d+ requests.*ceiling 100 ms.*"), p95.message());
    }

    @Test
    void capacityFloorAboveWhatTheUncachedWikiSustainsFailsLoadCapacityWithKneeBreakAndCurve() throws Exception {
        Path conf = stack.siteConfig(stack.uncached.baseUrl(), "",
                "load { duration = 2s, arrival-rate = 50, capacity-start = 100, max-rate = 6400, min-capacity = 6000,"
                        + " max-p95 = 500ms, capacity-budget = 45s, warm-up = false }");
        assertEquals(1, Main.run("accept", "-c", conf.toString(), "--only", "load", "--reports", reports.toString()));
        Summary s = SummaryWriter.read(reports.resolve("latest").resolve("summary.json"));

        CheckResult capacity = check(s, "load.capacity");
        assertEquals(CheckStatus.FAILED, capacity.status(), capacity.message());
        double knee = ((Number) capacity.measured()).doubleValue();
        assertTrue(knee < 6000, capacity.message());
        assertEquals(6000.0, ((Number) capacity.expected()).doubleValue());
        assertTrue(capacity.message().startsWith("capacity knee "), capacity.message());
        assertTrue(capacity.message().matches(".*; [0-9.]+/s broke: .*"), "names the rate that broke and why: "
                + capacity.message());
        assertTrue(capacity.message().contains("floor 6000 req/s"), capacity.message());
        // The curve lists every probe by rate, the start rate's too; on a busy machine the uncached wiki can break
        // at the start rate already, and lower rates come first.
        assertTrue(capacity.message().matches(".*curve: .*\\b100/s: .*"), capacity.message());
        assertTrue(Files.isRegularFile(reports.resolve("latest/capacity-curve.png")));
        assertTrue(Files.readString(reports.resolve("latest/index.html")).contains("capacity-curve.png"));
        java.util.Map<?, ?> metrics = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) s.metrics().get("load"))
                .get("capacity");
        assertEquals(knee, ((Number) metrics.get("knee_per_sec")).doubleValue());
        assertTrue(((java.util.List<?>) metrics.get("probes")).size() >= 2, metrics.toString());
    }

    @Test
    void capacityBudgetZeroSkipsLoadCapacitySayingWhy() throws Exception {
        Path conf = stack.siteConfig("cache { servers = [\"" + stack.memcached.address() + "\"], min-hit-ratio = 0 }",
                "load { duration = 2s, arrival-rate = 20, warm-up = false, capacity-budget = 0s }");
        Main.run("accept", "-c", conf.toString(), "--only", "load", "--reports", reports.toString());
        CheckResult capacity = check(SummaryWriter.read(reports.resolve("latest").resolve("summary.json")),
                "load.capacity");
        assertEquals(CheckStatus.SKIPPED, capacity.status(), capacity.message());
        assertTrue(capacity.message().contains("load.capacity-budget = 0s"), capacity.message());
    }

    private static CheckResult check(Summary s, String id) {
        return s.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + s.checks()));
    }
}
