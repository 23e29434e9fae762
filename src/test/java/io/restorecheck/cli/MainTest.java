package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of bad input: exit 2, the problem named, nothing written. */
class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpAndVersionExitZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("demo"), out.toString());
        assertTrue(out.toString().contains("accept"), out.toString());
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
        assertEquals(0, run("--version"));
        assertEquals(0, run("demo", "--help"));
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("a command is required"), err.toString());
    }

    @Test
    void unknownBreakKindIsRefusedNamingTheKinds() {
        assertEquals(2, run("demo", "--reports", dir.toString(), "--break", "nope"));
        assertTrue(err.toString().contains("--break nope: unknown kind"), err.toString());
        assertTrue(err.toString().contains("wal-gap"), err.toString());
        assertNothingWritten();
    }

    @Test
    void walInspectWithZeroWorkersIsAUsageError() {
        assertEquals(2, run("wal", "inspect", dir.toString(), "--workers", "0"));
        assertTrue(err.toString().contains("--workers must be at least 1, got 0"), err.toString());
    }

    @Test
    void pagesOutOfRangeIsAUsageError() {
        assertEquals(2, run("demo", "--reports", dir.toString(), "--pages", "5"));
        assertTrue(err.toString().contains("--pages must be between 10 and 50000, got 5"), err.toString());
        assertNothingWritten();
    }

    @Test
    void unsupportedPgMajorIsAUsageErrorNamingTheSupportedOnes() {
        assertEquals(2, run("demo", "--reports", dir.toString(), "--pg-major", "12"));
        assertTrue(err.toString().contains("--pg-major 12: supported majors are [13, 14, 15, 16, 17, 18]"),
                err.toString());
        assertNothingWritten();
    }

    @Test
    void pgMajorTogetherWithPgBinIsAUsageError() {
        assertEquals(2, run("demo", "--reports", dir.toString(), "--pg-major", "17", "--pg-bin", "/usr/lib/x/bin"));
        assertTrue(err.toString().contains("--pg-bin and --pg-major exclude each other"), err.toString());
        assertNothingWritten();
    }

    @Test
    void unknownCompressionIsAUsageErrorNamingTheFormats() {
        assertEquals(2, run("demo", "--reports", dir.toString(), "--compress", "rar"));
        assertTrue(err.toString().contains("--compress rar: formats are gzip, zstd"), err.toString());
        assertEquals(2, run("demo", "--reports", dir.toString(), "--compress", "zstd", "--break", "corrupt-wal"));
        assertTrue(err.toString().contains("cannot be combined with --compress"), err.toString());
        assertNothingWritten();
    }

    @Test
    void missingConfigFileIsAUsageErrorNamingTheFile() {
        Path missing = dir.resolve("nowhere.conf");
        assertEquals(2, run("accept", "--reports", dir.resolve("reports").toString(), "-c", missing.toString()));
        assertTrue(err.toString().contains(missing.toString()), err.toString());
        assertTrue(err.toString().contains("no such file"), err.toString());
        assertNothingWritten();
    }

    @Test
    void unknownConfigKeyIsAUsageErrorNamingKeyFileAndLine() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:1" }
                database { url = "jdbc:postgresql://127.0.0.1:1/x", user = x,
                  pasword = secret }
                """);
        assertEquals(2, run("accept", "--reports", dir.resolve("reports").toString(), "-c", conf.toString()));
        String message = err.toString();
        assertTrue(message.contains(conf + ":3:"), message);
        assertTrue(message.contains("database.pasword"), message);
        assertNothingWritten();
    }

    @Test
    void configWithThreeMistakesPrintsThreeLinesEachWithFileLineAndKey() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "ftp://127.0.0.1:1" }
                database { url = "jdbc:postgresql://127.0.0.1:1/x", user = x,
                  pasword = secret }
                load { arrival-rate = 10, duration = forever }
                """);
        assertEquals(2, run("accept", "--reports", dir.resolve("reports").toString(), "-c", conf.toString()));
        java.util.List<String> lines = err.toString().lines().filter(l -> l.contains(conf.toString())).toList();
        assertEquals(3, lines.size(), err.toString());
        assertTrue(lines.get(0).contains(conf + ":1: 'site.base-url' must be an http(s) URL"), lines.get(0));
        assertTrue(lines.get(1).contains(conf + ":3: 'database.pasword' is not a known key"), lines.get(1));
        assertTrue(lines.get(2).contains(conf + ":4: 'load.duration' must be a duration"), lines.get(2));
        assertNothingWritten();
    }

    @Test
    void passwordInTheJdbcUrlIsRefusedPointingToDatabasePasswordWithoutEchoingIt() throws Exception {
        for (String url : java.util.List.of("jdbc:postgresql://127.0.0.1:1/x?user=x&password=url-secret-93",
                "jdbc:postgresql://127.0.0.1:1/x?PASSWORD=url-secret-93", "jdbc:postgresql://x:url-secret-93@h/x")) {
            err.getBuffer().setLength(0);
            Path conf = Files.writeString(dir.resolve("site.conf"), "site { base-url = \"http://127.0.0.1:1\" }\n"
                    + "database { url = \"" + url + "\", user = x }\n");
            assertEquals(2, run("accept", "--reports", dir.resolve("reports").toString(), "-c", conf.toString()));
            assertTrue(err.toString().contains(conf + ":2: 'database.url' carries a password"), err.toString());
            assertTrue(err.toString().contains("database.password"), err.toString());
            assertFalse(err.toString().contains("url-secret-93") || out.toString().contains("url-secret-93"),
                    "the password was echoed: " + err);
            assertNothingWritten();
        }
    }

    @Test
    void unknownSuiteAndBadOutageTimeAreUsageErrors() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:1" }
                database { url = "jdbc:postgresql://127.0.0.1:1/x", user = x }
                """);
        String reports = dir.resolve("reports").toString();
        assertEquals(2, run("accept", "--reports", reports, "-c", conf.toString(), "--only", "integrity,speed"));
        assertTrue(err.toString().contains("--only speed: unknown suite; suites are integrity, pages, load"),
                err.toString());
        assertEquals(2, run("accept", "--reports", reports, "-c", conf.toString(), "--outage-at", "yesterday"));
        assertTrue(err.toString().contains("--outage-at yesterday"), err.toString());
        assertNothingWritten();
    }

    @Test
    void outageTimeAcceptsOffsetAndLocalForms() {
        assertEquals("2026-11-25T12:40:00Z", AcceptCommand.parseTime("2026-11-25T13:40:00+01:00").toString());
        assertFalse(AcceptCommand.parseTime("2026-11-25T13:40:00").toString().isEmpty());
    }

    private void assertNothingWritten() {
        assertFalse(Files.exists(dir.resolve("reports")), "no reports folder may be written on bad input");
        try (var files = Files.list(dir)) {
            assertTrue(files.allMatch(p -> p.getFileName().toString().endsWith(".conf")), "nothing written in " + dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
