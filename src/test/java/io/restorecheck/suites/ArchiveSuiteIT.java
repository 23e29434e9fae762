package io.restorecheck.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.demo.DemoRuns;
import io.restorecheck.integrity.ArchiveChecks;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive checks on the real demo: healthy passes all three; {@code wal-gap} and {@code corrupt-wal} break the
 * archive before the restore, and continuity and reached-end fail naming the segment.
 */
class ArchiveSuiteIT {
    /** The demo's progress line naming what it broke: "removed X" or "flipped 8 bytes of X". */
    private static final Pattern BROKEN = Pattern.compile("(?:removed|bytes of) ([0-9A-F]{24})");

    @TempDir
    Path reports;

    private String output = "";

    /** The healthy demo is shared by the ITs; a break runs the demo with the integrity suite only. */
    private Summary demo(String... extra) throws IOException {
        DemoRuns.Run run;
        if (extra.length == 0) {
            run = DemoRuns.healthy();
        } else {
            String[] args = new String[extra.length + 2];
            args[0] = "--only";
            args[1] = "integrity";
            System.arraycopy(extra, 0, args, 2, extra.length);
            run = DemoRuns.run(reports, args);
        }
        output = run.output();
        assertEquals(run.summary().verdict().equals("pass") ? 0 : 1, run.code());
        return run.summary();
    }

    private static CheckResult check(Summary s, String id) {
        return s.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + s.checks()));
    }

    @Test
    void healthyDemoPassesTheArchiveChecksAndHandsTheLastCommitToRecency() throws IOException {
        Summary s = demo();
        for (String id : new String[] {ArchiveChecks.CONTINUITY, ArchiveChecks.TIMELINE, ArchiveChecks.REACHED_END}) {
            assertEquals(CheckStatus.PASSED, check(s, id).status(), check(s, id).message());
        }
        assertTrue(check(s, ArchiveChecks.REACHED_END).message().contains("holds no commit after"));
        @SuppressWarnings("unchecked")
        Map<String, Object> wal = (Map<String, Object>) s.metrics().get("wal");
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) wal.get("last_commit");
        assertTrue(last.get("time").toString().endsWith("+00:00"), last.toString());
        assertEquals(0, ((Number) wal.get("commits_after_end_of_recovery")).intValue());
        // The archive suite hands its last commit to recency as a typed value, not through this metric.
        CheckResult recency = check(s, "integrity.recency");
        assertTrue(recency.message().contains("read from the archive's segments"), recency.message());
    }

    @Test
    void walGapFailsContinuityAndReachedEndNamingTheMissingSegment() throws IOException {
        Summary s = demo("--break", "wal-gap");
        String segment = brokenSegment();
        CheckResult continuity = check(s, ArchiveChecks.CONTINUITY);
        assertEquals(CheckStatus.FAILED, continuity.status(), continuity.message());
        assertTrue(continuity.message().contains("missing " + segment), continuity.message());
        CheckResult end = check(s, ArchiveChecks.REACHED_END);
        assertEquals(CheckStatus.FAILED, end.status(), end.message());
        assertTrue(((Number) end.measured()).longValue() > 0);
        assertTrue(end.message().contains("segment " + segment + " is missing"), end.message());
        assertEquals(CheckStatus.PASSED, check(s, ArchiveChecks.TIMELINE).status());
    }

    @Test
    void corruptWalFailsContinuityAndReachedEndNamingTheDamagedSegment() throws IOException {
        Summary s = demo("--break", "corrupt-wal");
        String segment = brokenSegment();
        CheckResult continuity = check(s, ArchiveChecks.CONTINUITY);
        assertEquals(CheckStatus.FAILED, continuity.status(), continuity.message());
        assertTrue(continuity.message().contains("damaged " + segment + " offset 0x"), continuity.message());
        assertTrue(continuity.message().contains("CRC mismatch"), continuity.message());
        CheckResult end = check(s, ArchiveChecks.REACHED_END);
        assertEquals(CheckStatus.FAILED, end.status(), end.message());
        assertTrue(end.message().contains("damage in segment " + segment), end.message());
    }

    /** The segment the demo broke, from its progress line (not from the checks under test). */
    private String brokenSegment() {
        Matcher m = BROKEN.matcher(output);
        assertTrue(m.find(), "the demo names the segment it broke:\n" + output);
        return m.group(1);
    }
}
