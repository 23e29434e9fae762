package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Restore;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real server whose archive_command fails, then works (proved by the opt-in probe), then is a no-op. */
class ArchivingActiveIT {
    @TempDir
    Path work;

    @Test
    void failingArchiverThenWorkingProbeThenNoOpCommand() throws Exception {
        Path archive = Files.createDirectories(work.resolve("archive"));
        try (PgServer s = PgCluster.init(PgBinaries.bundled(), work.resolve("data"), Map.of("wal_level", "replica",
                "archive_mode", "on", "archive_command", "/bin/false %p")).start("restored")) {
            s.execute("postgres", "CREATE TABLE t AS SELECT generate_series(1, 1000) i");
            s.queryString("postgres", "SELECT pg_switch_wal()");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ("0".equals(s.queryString("postgres", "SELECT failed_count FROM pg_stat_archiver"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            try (Connection c = ReadOnlySessions.open(s.jdbcUrl("postgres"), "postgres")) {
                CheckResult failing = ArchivingActive.check(c, Optional.empty(), Duration.ofSeconds(30));
                assertEquals(CheckStatus.FAILED, failing.status(), failing.message());
                assertTrue(failing.message().contains("pg_stat_archiver:") && failing.message().contains("failures"),
                        failing.message());
            }

            s.execute("postgres", "ALTER SYSTEM SET archive_command = '"
                    + Restore.archiveCommand(archive).replace("'", "''") + "'");
            s.queryString("postgres", "SELECT pg_reload_conf()");
            Thread.sleep(500);
            s.execute("postgres", "INSERT INTO t SELECT generate_series(1, 10)");
            try (Connection c = ReadOnlySessions.open(s.jdbcUrl("postgres"), "postgres")) {
                // The probe switches WAL through the harness's read-only session and waits for the archive.
                CheckResult probed = ArchivingActive.check(c, Optional.of(c), Duration.ofSeconds(60));
                assertEquals(CheckStatus.PASSED, probed.status(), probed.message());
                assertTrue(probed.message().contains("probe: a switched segment reached the archive"),
                        probed.message());
            }

            s.execute("postgres", "ALTER SYSTEM SET archive_command = 'true'");
            s.queryString("postgres", "SELECT pg_reload_conf()");
            Thread.sleep(500);
            try (Connection c = ReadOnlySessions.open(s.jdbcUrl("postgres"), "postgres")) {
                CheckResult noop = ArchivingActive.check(c, Optional.empty(), Duration.ofSeconds(30));
                assertEquals(CheckStatus.FAILED, noop.status(), noop.message());
                assertTrue(noop.message().contains("archive_command 'true' succeeds without storing the segment"),
                        noop.message());
            }
        }
    }
}
