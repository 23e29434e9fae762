package io.restorecheck.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.lab.FreePorts;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smoke.database and smoke.archiving on one real PostgreSQL, broken one way after another: a missing table, a
 * primary where a standby was expected, another timeline than the last acceptance run saw, a segment waiting for
 * the archive too long, a failing archive_command, archiving off, and the server stopped.
 */
class SmokeChecksIT {
    @TempDir
    Path work;

    @Test
    void databaseAndArchivingChecksFailOnEachRealBreak() throws Exception {
        PgCluster cluster = PgCluster.init(PgBinaries.bundled(), work.resolve("data"), Map.of("wal_level", "replica",
                "archive_mode", "on", "archive_command", "sleep 4 && /bin/false %p"));
        PgServer server = cluster.start("smoke");
        try {
            server.execute("postgres", "CREATE TABLE pages AS SELECT 'Main Page'::text AS title, 'x'::text AS text");
            SiteConfig good = site(server.port(), "[pages]", false);
            DatabaseProbe.Result healthy = DatabaseProbe.probe(good, OptionalInt.of(1));
            assertEquals(CheckStatus.PASSED, healthy.database().status(), healthy.database().message());
            assertTrue(healthy.database().message().contains("timeline 1 (the last acceptance run saw 1)"),
                    healthy.database().message());
            assertEquals(java.util.Optional.of("Main Page"), healthy.page());
            assertEquals(CheckStatus.PASSED, healthy.archiving().status(), "no attempt failed yet: "
                    + healthy.archiving().message());

            // The site's port has nothing listening: smoke.site fails naming the base URL; the preflight says so.
            CheckResult site = new WebProbe(Duration.ofSeconds(2)).probe(good, healthy.page(), "").get(0);
            assertEquals(CheckStatus.FAILED, site.status(), site.message());
            assertTrue(site.message().contains("the base URL " + good.site().baseUrl() + " did not answer"),
                    site.message());
            assertEquals("the site " + good.site().baseUrl() + " does not answer (connection refused)",
                    Preflight.whyDown(good, true).orElseThrow());
            assertEquals(java.util.Optional.empty(), Preflight.whyDown(good, false), "integrity alone needs no site");

            assertDatabaseFails(DatabaseProbe.probe(site(server.port(), "[pages, lost_edits]", false),
                    OptionalInt.empty()), "[lost_edits] do not exist");
            assertDatabaseFails(DatabaseProbe.probe(site(server.port(), "[pages]", true), OptionalInt.empty()),
                    "not in recovery although smoke.standby = true");
            assertDatabaseFails(DatabaseProbe.probe(good, OptionalInt.of(3)),
                    "the last acceptance run saw timeline 3");

            // A completed segment the archiver is slow with: it waits longer than smoke.max-archive-delay (1s).
            server.execute("postgres", "INSERT INTO pages SELECT 'p' || i, 'x' FROM generate_series(1, 1000) i");
            server.queryString("postgres", "SELECT pg_switch_wal()");
            Thread.sleep(2_000);
            CheckResult slow = DatabaseProbe.probe(good, OptionalInt.empty()).archiving();
            assertEquals(CheckStatus.FAILED, slow.status(), slow.message());
            assertTrue(slow.message().contains("1 completed segments wait for the archive"), slow.message());

            // Then the archive_command fails: pg_stat_archiver's last attempt failed after the last success.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ("0".equals(server.queryString("postgres", "SELECT failed_count FROM pg_stat_archiver"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            CheckResult failing = DatabaseProbe.probe(good, OptionalInt.empty()).archiving();
            assertEquals(CheckStatus.FAILED, failing.status(), failing.message());
            assertTrue(failing.message().contains("the last attempt failed (segment 0000000100000000000000"),
                    failing.message());

            // Archiving switched off (it takes a restart, as on a real server).
            server.execute("postgres", "ALTER SYSTEM SET archive_mode = off");
            server.stop(ShutdownMode.FAST);
            server = cluster.start("smoke", server.port(), Map.of());
            CheckResult off = DatabaseProbe.probe(good, OptionalInt.empty()).archiving();
            assertEquals(CheckStatus.FAILED, off.status(), off.message());
            assertTrue(off.message().contains("archive_mode = off"), off.message());

            // The server stopped: the database check names the URL and the refusal.
            server.stop(ShutdownMode.FAST);
            DatabaseProbe.Result down = DatabaseProbe.probe(good, OptionalInt.empty());
            assertDatabaseFails(down, "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres does not answer");
            assertEquals(CheckStatus.FAILED, down.archiving().status());
            assertTrue(Preflight.whyDown(good, true).orElseThrow().startsWith("the database jdbc:postgresql://127.0.0.1:"
                    + server.port() + "/postgres does not answer"), Preflight.whyDown(good, true).orElseThrow());

            // Waited for, it never comes back: each part fails with its last error after the wait.
            Smoke.Outcome waited = Smoke.run(good, work, Duration.ofSeconds(2), line -> { });
            CheckResult db = waited.checks().get(0);
            assertEquals(CheckStatus.FAILED, db.status());
            assertTrue(db.message().startsWith("not ready after waiting 2 s (") && db.message().contains(
                    "last error: jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres does not answer"),
                    db.message());
            assertTrue(((Number) waited.metrics().get("probes")).intValue() >= 2, waited.metrics().toString());
            assertEquals(null, waited.metrics().get("time_to_ready_seconds"));
        } finally {
            server.close();
        }
    }

    @Test
    void lastAcceptanceTimelineIsTheNewestAcceptRunOfTheSameArchive() throws Exception {
        Path reports = Files.createDirectories(work.resolve("reports"));
        SiteConfig site = site(FreePorts.unused(), "[pages]", false);
        assertEquals(OptionalInt.empty(), LastAcceptance.timeline(reports, site));
        summary(reports.resolve("20261201-100000-accept"), work.resolve("archive"), 2);
        summary(reports.resolve("20261202-100000-accept"), work.resolve("another-site-archive"), 5);
        summary(reports.resolve("20261203-100000-smoke"), work.resolve("archive"), 9);
        assertEquals(OptionalInt.of(2), LastAcceptance.timeline(reports, site));
        summary(reports.resolve("20261204-100000-accept-2"), work.resolve("archive"), 3);
        assertEquals(OptionalInt.of(3), LastAcceptance.timeline(reports, site));
    }

    private static void summary(Path run, Path archive, int timeline) throws Exception {
        Files.createDirectories(run);
        Files.writeString(run.resolve("summary.json"), "{\"verdict\":\"pass\",\"checks\":[],\"metrics\":{\"wal\":"
                + "{\"archive\":\"" + archive + "\",\"restored_timeline\":" + timeline + "}}}");
    }

    private static void assertDatabaseFails(DatabaseProbe.Result r, String evidence) {
        assertEquals(CheckStatus.FAILED, r.database().status(), r.database().message());
        assertTrue(r.database().message().contains(evidence), r.database().message());
    }

    private SiteConfig site(int port, String tables, boolean standby) throws Exception {
        return SiteConfigLoader.load(Files.writeString(work.resolve("site-" + port + "-" + standby + ".conf"), """
                site { base-url = "http://127.0.0.1:%d" }
                database { url = "jdbc:postgresql://127.0.0.1:%d/postgres", user = postgres }
                integrity {
                  wal-archive = "%s"
                  tables = %s
                }
                pages { list-query = "SELECT title, text FROM pages" }
                smoke { standby = %s, max-archive-delay = 1s }
                """.formatted(FreePorts.unused(), port, work.resolve("archive"),
                tableList(tables), standby)));
    }

    /** "[a, b]" as integrity.tables entries. */
    private static String tableList(String names) {
        return java.util.Arrays.stream(names.replaceAll("[\\[\\]]", "").split(",\\s*"))
                .map(n -> "{ name = " + n + ", key = [title], timestamp = \"now()\" }")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
}
