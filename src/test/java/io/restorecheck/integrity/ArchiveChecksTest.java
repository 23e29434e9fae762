package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.wal.ArchiveReport;
import io.restorecheck.wal.CommitsAfter;
import io.restorecheck.wal.Gap;
import io.restorecheck.wal.Lineage;
import io.restorecheck.wal.TimelineReport;
import io.restorecheck.wal.XactRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchiveChecksTest {
    private static final int SEG = 16 << 20;
    private static final long T = 1_780_000_000_000_000L;

    private static TimelineReport tl(int id, List<Lineage.Range> ranges, List<Gap> gaps, XactRecord last) {
        return new TimelineReport(id, new Lineage(id, ranges), null, null, 5, 2, "start of the oldest base backup",
                8, gaps, List.of(), 10, 1, Optional.ofNullable(last), 100, 0);
    }

    private static ArchiveReport archive(List<String> problems, TimelineReport... timelines) {
        return new ArchiveReport(Path.of("/srv/wal"), SEG, 15, 1, List.of(timelines), List.of(), List.of(), List.of(),
                problems, Map.of());
    }

    private static final XactRecord LAST = new XactRecord(XactRecord.Kind.COMMIT, 900, 8L * SEG + 0x100, T, 1);
    private static final ArchiveReport TWO_TIMELINES = archive(List.of(),
            tl(1, List.of(new Lineage.Range(1, 0, Long.MAX_VALUE)), List.of(), LAST),
            tl(2, List.of(new Lineage.Range(1, 0, 6L * SEG), new Lineage.Range(2, 6L * SEG, Long.MAX_VALUE)),
                    List.of(), null));

    private static RestoredEnd promoted(int timeline, int parent, long end) {
        return new RestoredEnd(false, Optional.of(end), "pg_last_wal_replay_lsn()", Optional.of(Instant.ofEpochSecond(
                1_780_000_000L - 60)), timeline, parent, "pg_control_checkpoint().prev_timeline_id");
    }

    @Test
    void theRestoredTimelineIsTheHighestThatIsNotTheServersOwn() {
        assertEquals(2, ArchiveChecks.restoredTimeline(TWO_TIMELINES, Optional.empty()));
        assertEquals(2, ArchiveChecks.restoredTimeline(TWO_TIMELINES, Optional.of(promoted(3, 2, 1))));
        assertEquals(1, ArchiveChecks.restoredTimeline(TWO_TIMELINES, Optional.of(promoted(2, 1, 1))),
                "timeline 2 in the archive is the server's own");
    }

    @Test
    void serverThatBranchedFromAnOlderTimelineFailsTheTimelineCheck() {
        CheckResult r = ArchiveChecks.timeline(TWO_TIMELINES, 2, Optional.of(promoted(3, 1, 5L * SEG)), null);
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().contains("branched from timeline 1") && r.message().contains("highest timeline 2"),
                r.message());
        assertEquals(CheckStatus.PASSED, ArchiveChecks.timeline(TWO_TIMELINES, 2,
                Optional.of(promoted(3, 2, 7L * SEG)), null).status());
    }

    @Test
    void unreachableRestoredServerLeavesTheTimelineCheckBrokenWithTheCause() {
        CheckResult r = ArchiveChecks.timeline(TWO_TIMELINES, 2, Optional.empty(),
                "Connection to 127.0.0.1:5999 refused");
        assertEquals(CheckStatus.BROKEN, r.status(), r.message());
        assertTrue(r.message().contains("127.0.0.1:5999 refused") && r.message().contains("not checked"), r.message());
    }

    @Test
    void unreadableParentTimelineLeavesTheTimelineCheckBrokenNotAssumed() {
        CheckResult r = ArchiveChecks.timeline(TWO_TIMELINES, 2, Optional.of(promoted(3, 0, 7L * SEG)), null);
        assertEquals(CheckStatus.BROKEN, r.status(), r.message());
        assertTrue(r.message().contains("pg_read_server_files") && r.message().contains("00000003.history"),
                r.message());
    }

    @Test
    void inconsistentHistoryFailsTheTimelineCheck() {
        ArchiveReport bad = archive(List.of("timeline 3 has segments but no 00000003.history: its ancestry is unknown"),
                tl(3, List.of(new Lineage.Range(3, 0, Long.MAX_VALUE)), List.of(), null));
        CheckResult r = ArchiveChecks.timeline(bad, 3, Optional.empty(), "Connection refused");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().contains("no 00000003.history"), r.message());
    }

    @Test
    void gapFailsContinuityNamingTheSegment() {
        String name = "000000010000000000000005";
        ArchiveReport gap = archive(List.of(), tl(1, List.of(new Lineage.Range(1, 0, Long.MAX_VALUE)),
                List.of(new Gap(name, name, 5, 5)), LAST));
        CheckResult r = ArchiveChecks.continuity(gap, 1);
        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals(1, r.measured());
        assertTrue(r.message().contains("missing " + name), r.message());
    }

    @Test
    void commitsBeyondTheEndOfRecoveryFailReachedEndWithCountTimeAndSegment() {
        String name = "000000010000000000000005";
        ArchiveReport gap = archive(List.of(), tl(1, List.of(new Lineage.Range(1, 0, Long.MAX_VALUE)),
                List.of(new Gap(name, name, 5, 5)), LAST));
        XactRecord first = new XactRecord(XactRecord.Kind.COMMIT, 800, 6L * SEG + 0x40, T - 30_000_000L, 1);
        CommitsAfter after = new CommitsAfter(5L * SEG, 42, 3, Optional.of(first), Optional.of(LAST), List.of(),
                List.of());
        CheckResult r = ArchiveChecks.reachedEnd(gap, 1, promoted(2, 1, 5L * SEG), after);
        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals(42L, r.measured());
        assertTrue(r.message().startsWith("the archive holds 42 commits after the restored end of recovery 0/05000000 "
                + "(segment 000000010000000000000004"), r.message());
        assertTrue(r.message().contains("60.000 s of commits lost"), r.message());
        assertTrue(r.message().contains("segment " + name + " is missing"), r.message());
        CommitsAfter none = new CommitsAfter(9L * SEG, 0, 0, Optional.empty(), Optional.empty(), List.of(), List.of());
        assertEquals(CheckStatus.PASSED, ArchiveChecks.reachedEnd(gap, 1, promoted(2, 1, 9L * SEG), none).status());
    }

    @Test
    void damagedWalAfterTheEndLeavesReachedEndBrokenNotPassed() {
        ArchiveReport one = archive(List.of(), tl(1, List.of(new Lineage.Range(1, 0, Long.MAX_VALUE)), List.of(),
                LAST));
        CommitsAfter unseen = new CommitsAfter(9L * SEG, 0, 0, Optional.empty(), Optional.empty(),
                List.of(new io.restorecheck.wal.Damage(1, "00000001000000000000000A", 10, 0x2000,
                        "record CRC mismatch")), List.of());
        CheckResult r = ArchiveChecks.reachedEnd(one, 1, promoted(2, 1, 9L * SEG), unseen);
        assertEquals(CheckStatus.BROKEN, r.status(), r.message());
        assertTrue(r.message().contains("00000001000000000000000A") && r.message().contains("cannot be ruled out"),
                r.message());
    }
}
