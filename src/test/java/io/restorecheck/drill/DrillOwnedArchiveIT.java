package io.restorecheck.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.BaseBackup;
import io.restorecheck.lab.OsUser;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * As root (as CI runs) with the archive owned by postgres, mode 0700, as on a real host: the drill's server runs as
 * the archive's owner, so its cp restore_command can read it, and the drill passes against the live primary.
 */
class DrillOwnedArchiveIT {
    @Test
    void archiveOwnedByPostgresIsReadByADrillServerRunningAsPostgres() throws Exception {
        assumeTrue(OsUser.currentIsRoot(), "needs root (as CI runs): it hands the archive to the postgres OS user");
        Process id = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, id.waitFor(), "this test needs the postgres OS user");
        Process gid = new ProcessBuilder("id", "-g", "postgres").start();
        OsUser postgres = new OsUser(Integer.parseInt(uid), Integer.parseInt(new String(gid.getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8).trim()), "postgres");
        Path work = Files.createTempDirectory("restorecheck-drill-owned-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        Path archive = Files.createDirectories(work.resolve("archive"));
        try (PgServer primary = PgCluster.init(PgBinaries.bundled(), work.resolve("primary"),
                Archiving.primarySettings(archive)).start("primary")) {
            primary.createDatabase("app");
            primary.execute("app", "CREATE TABLE t (id int PRIMARY KEY, at timestamptz DEFAULT clock_timestamp())");
            primary.execute("app", "INSERT INTO t (id) SELECT generate_series(1, 1000)");
            Path base = BaseBackup.take(primary, work.resolve("base"), "owned").directory();
            primary.execute("app", "INSERT INTO t (id) SELECT generate_series(1001, 1200)");
            Archiving.switchAndAwaitArchived(primary, Duration.ofSeconds(60));
            postgres.takeOver(archive);
            Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rwx------"));
            Path site = Files.writeString(work.resolve("site.conf"), """
                    site { base-url = "http://127.0.0.1:9" }
                    database { url = "%s", user = postgres }
                    drill {
                      base-backup = "%s"
                      wal-archive = "%s"
                      tables = [ { name = t, key = [id], timestamp = at, append-only = true } ]
                    }
                    """.formatted(primary.jdbcUrl("app"), base, archive));
            SiteConfig config = SiteConfigLoader.load(site);
            Drill.Outcome o = Drill.run(config, config.drill().orElseThrow(), new Progress(System.out, "owned-it"),
                    "it", "it");
            for (CheckResult c : o.checks()) {
                assertEquals(CheckStatus.PASSED, c.status(), c.id() + ": " + c.message());
            }
            assertTrue(o.checks().get(3).message().contains("copy 1200 rows"), o.checks().get(3).message());
        } finally {
            Processes.deleteTree(work);
        }
    }
}
