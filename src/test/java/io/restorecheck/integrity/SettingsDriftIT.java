package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that cannot read pg_file_settings sees the driver's TimeZone, not the server's: that setting is not
 * compared (and the message says so) rather than judged on what the session itself sent.
 */
class SettingsDriftIT {
    @TempDir
    Path work;

    @Test
    void clientSetSettingIsNotJudgedOnTheSessionsOwnValueWithoutPgReadAllSettings() throws Exception {
        Path conf = Files.writeString(work.resolve("old-postgresql.conf"),
                "timezone = 'Pacific/Chatham'\nwork_mem = 7MB\n");
        try (PgServer s = PgCluster.init(PgBinaries.bundled(), work.resolve("data"), Map.of(
                "timezone", "Pacific/Chatham", "work_mem", "7MB")).start("restored")) {
            s.execute("postgres", "CREATE ROLE reader LOGIN");
            try (Connection c = ReadOnlySessions.open(s.jdbcUrl("postgres"), "reader")) {
                CheckResult r = SettingsDrift.check(conf, c, List.of());
                assertEquals(CheckStatus.PASSED, r.status(), r.message());
                assertTrue(r.message().startsWith("1 settings of") && r.message().contains("not compared")
                        && r.message().contains("timezone"), r.message());
            }
            try (Connection c = ReadOnlySessions.open(s.jdbcUrl("postgres"), "postgres")) {
                CheckResult r = SettingsDrift.check(conf, c, List.of());
                assertEquals(CheckStatus.PASSED, r.status(), r.message());
                assertTrue(r.message().startsWith("2 settings of"), r.message());
            }
        }
    }
}
