package io.restorecheck.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.DrillSection;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.config.TableSpec;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Progress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillChecksTest {
    private static final Instant POINT = Instant.parse("2026-12-05T02:00:00Z");

    private static DrillSection section(boolean appendOnly) {
        return new DrillSection(Optional.of(Path.of("/b")), Optional.empty(), Optional.of(Path.of("/w")),
                Optional.empty(), Optional.empty(), List.of(new DrillSection.Table(new TableSpec("allPages",
                List.of("name", "editTime"), "to_timestamp(editTime)"), appendOnly)), Duration.ofSeconds(1),
                Duration.ofMinutes(10), Duration.ofMinutes(5), new DrillSection.Amcheck(true, List.of(),
                Duration.ofMinutes(1), true), Optional.empty(), Duration.ofHours(2));
    }

    private static RecoveryPoint point() {
        return new RecoveryPoint(Optional.of(POINT), "newest commit replayed", POINT.plusSeconds(3), Optional.empty(),
                Optional.of("000000010000000000000008"));
    }

    private static DrillServer.Result restore(double replaySeconds) {
        return new DrillServer.Result("plain directory /b", 15, "15.19", new Phases(1, 0.5, 0.2, replaySeconds, 0.3,
                2 + replaySeconds), 50_000_000, "0/3000028", "0/8000000", Optional.of(POINT), Optional.empty(), 1,
                16 << 20, "000000010000000000000009", POINT, Path.of("/log"));
    }

    @Test
    void rowsOfThePrimaryMissingFromTheCopyFailTablesNamingTheKeys() {
        TableVerdict v = new TableVerdict("allPages", true, 100, 90, 88, 88, 2, List.of("(a,1)", "(b,2)"), 0,
                "t1", "t2", null);
        CheckResult c = DrillChecks.tables(List.of(v), point(), section(true));
        assertEquals(CheckStatus.FAILED, c.status());
        assertTrue(c.message().contains("MISSING in the copy: 2 ((a,1), (b,2))"), c.message());
    }

    @Test
    void extraRowsFailOnlyAppendOnlyTables() {
        TableVerdict mutable = new TableVerdict("curPages", false, 10, 8, 10, 10, 0, List.of(), 2, "t", "t", null);
        assertEquals(CheckStatus.PASSED, DrillChecks.tables(List.of(mutable), point(), section(false)).status());
        TableVerdict appendOnly = new TableVerdict("allPages", true, 10, 8, 10, 10, 0, List.of(), 2, "t", "t", null);
        CheckResult c = DrillChecks.tables(List.of(appendOnly), point(), section(true));
        assertEquals(CheckStatus.FAILED, c.status());
        assertTrue(c.message().contains("EXTRA in the copy"), c.message());
    }

    @Test
    void restoreOverBudgetFailsWithItsPhases() {
        CheckResult c = DrillChecks.restoreTime(restore(700), Duration.ofMinutes(10));
        assertEquals(CheckStatus.FAILED, c.status());
        assertTrue(c.message().contains("replay 700.00 s"), c.message());
    }

    @Test
    void corruptionFailsAmcheckNamingRelationAndBlock() {
        Amcheck.Result a = new Amcheck.Result(9, 9, 950, 950, List.of("public.allpages block 329 offset 1: xmin "
                + "4294967040 equals or exceeds next valid transaction ID"), 4, 5, true, 0.3);
        CheckResult c = DrillChecks.amcheck(a, section(true).amcheck());
        assertEquals(CheckStatus.FAILED, c.status());
        assertTrue(c.message().contains("public.allpages block 329"), c.message());
    }

    @Test
    void anAmcheckThatRanOutOfTimeProvesNothingAboutTheRest() {
        Amcheck.Result a = new Amcheck.Result(3, 9, 100, 950, List.of(), 2, 1, true, 60);
        CheckResult c = DrillChecks.amcheck(a, section(true).amcheck());
        assertEquals(CheckStatus.FAILED, c.status());
        assertTrue(c.message().contains("3 of 9 relations"), c.message());
    }

    @Test
    void aGapFailsTheRecoveryPointNamingTheSegment() {
        RecoveryPoint gap = new RecoveryPoint(Optional.of(POINT), "newest commit replayed", POINT.plusSeconds(3),
                Optional.of("000000010000000000000007"), Optional.of("000000010000000000000009"));
        CheckResult c = DrillChecks.recoveryPoint(restore(1), gap, Duration.ofMinutes(5));
        assertEquals(CheckStatus.FAILED, c.status());
        assertTrue(c.message().contains("segment 000000010000000000000007 is missing"), c.message());
    }

    @TempDir
    Path dir;

    @Test
    void aFolderThatHoldsNoBackupFailsRestoreAndSkipsTheRestWithTheReason() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("backups"));
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:9" }
                database { url = "jdbc:postgresql://127.0.0.1:1/wiki", user = wiki }
                drill { base-backup = "%s", wal-archive = "%s" }
                """.formatted(empty, dir));
        SiteConfig site = SiteConfigLoader.load(conf);
        Drill.Outcome o = Drill.run(site, site.drill().orElseThrow(), new Progress(new PrintStream(
                OutputStream.nullOutputStream()), "t"), "t", "r");
        assertEquals(CheckStatus.FAILED, o.checks().get(0).status());
        assertTrue(o.checks().get(0).message().contains("neither a backup"), o.checks().get(0).message());
        assertTrue(o.checks().stream().skip(1).allMatch(c -> c.status() == CheckStatus.SKIPPED));
        assertEquals("fail", o.record().verdict());
    }
}
