package io.restorecheck.integrity;

import io.restorecheck.report.CheckResult;
import io.restorecheck.wal.ArchiveReport;
import io.restorecheck.wal.CommitsAfter;
import io.restorecheck.wal.Damage;
import io.restorecheck.wal.Gap;
import io.restorecheck.wal.Lsn;
import io.restorecheck.wal.SegmentName;
import io.restorecheck.wal.TimelineReport;
import io.restorecheck.wal.XactRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what the archive holds ({@link ArchiveReport}) and where the restored server's replay ended
 * ({@link RestoredEnd}) into the three archive checks. Pure logic: the suite measures, this judges.
 */
public final class ArchiveChecks {
    public static final String CONTINUITY = "integrity.archive.continuity";
    public static final String TIMELINE = "integrity.archive.timeline";
    public static final String REACHED_END = "integrity.replay.reached-end";
    private static final int LISTED = 5;

    private ArchiveChecks() {
    }

    /**
     * The archive timeline the restore follows: the highest one that is not the restored server's own (a promoted
     * server's timeline, and any later, are its own), or the highest one when the server is unknown.
     */
    static int restoredTimeline(ArchiveReport report, Optional<RestoredEnd> server) {
        int best = 0;
        for (TimelineReport t : report.timelines()) {
            boolean own = server.isPresent() && !server.get().inRecovery() && server.get().timeline() > 1
                    && t.id() >= server.get().timeline();
            if (!own && t.id() > best) {
                best = t.id();
            }
        }
        return best;
    }

    static CheckResult continuity(ArchiveReport report, int timeline) {
        if (report.segmentSize() == 0 || timeline == 0) {
            return CheckResult.failed(CONTINUITY, "no segment", "a readable archive", null,
                    "the archive " + report.directory() + " holds no readable WAL segment" + unreadable(report));
        }
        TimelineReport t = report.timeline(timeline).orElseThrow();
        List<Damage> damage = report.damageAlong(timeline);
        int bad = t.gaps().stream().mapToInt(g -> (int) g.segments()).sum() + damage.size();
        String range = "timeline " + timeline + " from " + name(report, t, t.checkedFrom()) + " (" + t.checkedFromWhy()
                + ") to " + name(report, t, t.checkedTo());
        if (bad == 0) {
            return CheckResult.passed(CONTINUITY, 0, 0, "segments", range + ": " + (t.checkedTo() - t.checkedFrom() + 1)
                    + " segments, no gap, no damage" + unreadable(report));
        }
        List<String> parts = new ArrayList<>();
        if (!t.gaps().isEmpty()) {
            parts.add("missing " + t.gaps().stream().limit(LISTED).map(Gap::describe).collect(Collectors.joining(", "))
                    + more(t.gaps().size()));
        }
        if (!damage.isEmpty()) {
            parts.add("damaged " + damage.stream().limit(LISTED).map(Damage::describe)
                    .collect(Collectors.joining("; ")) + more(damage.size()));
        }
        return CheckResult.failed(CONTINUITY, bad, 0, "segments", range + ": " + String.join("; ", parts)
                + ". A restore stops at the first of these and promotes; everything after it is lost.");
    }


    /**
     * Passes only on evidence: a restored server that cannot be reached, or whose parent timeline it cannot be asked
     * for, leaves the check broken with the reason, never passed on the archive's history alone.
     *
     * @param serverError why {@code server} is empty (the SQL error), for the message
     */
    static CheckResult timeline(ArchiveReport report, int timeline, Optional<RestoredEnd> server, String serverError) {
        if (!report.historyProblems().isEmpty()) {
            return CheckResult.failed(TIMELINE, report.historyProblems().size(), 0, "problems",
                    "timeline history is inconsistent: " + String.join("; ", report.historyProblems()));
        }
        String histories = report.timelines().size() + " timeline(s) in the archive, highest " + report.highestTimeline();
        if (server.isEmpty()) {
            return CheckResult.broken(TIMELINE, "cannot read the restored server's timeline: " + serverError
                    + "; so whether it follows the archive's timeline " + timeline + " was not checked (" + histories
                    + ", history consistent)");
        }
        RestoredEnd s = server.get();
        if (s.inRecovery()) {
            return CheckResult.of(s.timeline() == timeline, TIMELINE, s.timeline(), timeline, "timeline",
                    "restored server is still in recovery on timeline " + s.timeline() + "; " + histories);
        }
        if (s.timeline() == 1) {
            return CheckResult.of(timeline <= 1, TIMELINE, 1, timeline, "timeline", "restored server is on timeline 1; "
                    + histories);
        }
        if (s.parent() == 0) {
            return CheckResult.broken(TIMELINE, String.format("restored server is on timeline %d, but which timeline "
                    + "it branched from is not readable over SQL: its pg_wal/%08X.history needs pg_read_file "
                    + "(superuser or pg_read_server_files) and pg_control_checkpoint() no longer names the previous "
                    + "timeline (a checkpoint since promotion); so whether it followed the archive's timeline %d was "
                    + "not checked (%s). Connect as a user with pg_read_server_files, or compare the history file by "
                    + "hand", s.timeline(), s.timeline(), timeline, histories));
        }
        int parent = s.parent();
        boolean ok = parent == timeline;
        return CheckResult.of(ok, TIMELINE, parent, timeline, "timeline", "restored server is on timeline "
                + s.timeline() + ", branched from timeline " + parent + " (" + s.parentSource() + ")"
                + s.endLsn().map(l -> " at " + Lsn.format(l)).orElse("") + "; " + histories
                + (ok ? ", history consistent" : ": it did not follow the highest timeline " + timeline
                + " (recovery_target_timeline?)"));
    }

    static CheckResult reachedEnd(ArchiveReport report, int timeline, RestoredEnd server, CommitsAfter after) {
        long end = server.endLsn().orElseThrow();
        int segSize = Math.max(report.segmentSize(), 1);
        long endSegno = Math.max(0, end - 1) / segSize;
        TimelineReport t = report.timeline(timeline).orElseThrow();
        String endSegment = SegmentName.fileName(t.lineage().timelineOfSegment(endSegno, segSize), endSegno, segSize);
        String where = "the restored end of recovery " + Lsn.format(end) + " (segment " + endSegment + ", from "
                + server.endSource() + ")";
        if (after.commits() == 0) {
            List<String> unseen = unseenAfter(report, after, endSegno);
            if (!unseen.isEmpty()) {
                return CheckResult.broken(REACHED_END, "no commit read after " + where + ", but WAL after it could "
                        + "not be read, so commits there cannot be ruled out: " + String.join("; ", unseen));
            }
            return CheckResult.passed(REACHED_END, 0, 0, "commits", "the archive holds no commit after " + where
                    + report.lastCommit(timeline).map(c -> "; its last commit: " + c.describe()).orElse(""));
        }
        XactRecord first = after.first().orElseThrow();
        XactRecord last = after.last().orElseThrow();
        Instant since = server.lastReplayedAt().orElse(first.time());
        Duration lost = Duration.between(since, last.time());
        String stoppedBy = stoppedBy(report, timeline, endSegno);
        return CheckResult.failed(REACHED_END, after.commits(), 0, "commits", "the archive holds " + after.commits()
                + (after.commits() == 1 ? " commit" : " commits") + " after " + where + (after.commits() == 1 ? ": " + first.describe()
                : ": the first " + first.describe() + ", the last " + last.describe())
                + "; " + seconds(lost) + " of commits lost after the restored server's last replayed commit"
                + server.lastReplayedAt().map(i -> " (" + i + ")").orElse("") + stoppedBy);
    }

    /** WAL at or after the end of recovery that the reader could not see: missing, damaged or unreadable files. */
    private static List<String> unseenAfter(ArchiveReport report, CommitsAfter after, long endSegno) {
        List<String> unseen = new ArrayList<>();
        after.gaps().stream().limit(LISTED).forEach(g -> unseen.add("missing " + g.describe()));
        after.damaged().stream().limit(LISTED).forEach(d -> unseen.add("damaged " + d.describe()));
        report.unreadable().stream().filter(u -> u.segno() >= endSegno).limit(LISTED)
                .forEach(u -> unseen.add("not read " + u.file() + ": " + u.reason()));
        return unseen;
    }

    /** The first gap or damage at or after the segment where replay ended: why it stopped there. */
    private static String stoppedBy(ArchiveReport report, int timeline, long endSegno) {
        TimelineReport t = report.timeline(timeline).orElseThrow();
        Optional<Gap> gap = t.gaps().stream().filter(g -> g.toSegno() >= endSegno).findFirst();
        Optional<Damage> damage = report.damageAlong(timeline).stream().filter(d -> d.segno() >= endSegno).findFirst();
        if (gap.isPresent() && (damage.isEmpty() || gap.get().fromSegno() <= damage.get().segno())) {
            return ". Replay stopped where segment " + gap.get().from() + " is missing from the archive";
        }
        return damage.map(d -> ". Replay stopped at damage in segment " + d.describe()).orElse("");
    }

    /** The {@code wal} metric: the archive's last commit for the recency check, and the replay end. */
    static Map<String, Object> metric(ArchiveReport report, int timeline, Optional<RestoredEnd> server,
                                      Optional<CommitsAfter> after) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("archive", report.directory().toString());
        m.put("segment_size", report.segmentSize());
        m.put("major", report.major());
        m.put("timeline", timeline);
        m.put("last_commit", report.lastCommit(timeline).map(ArchiveReport::commitJson).orElse(null));
        report.timeline(timeline).ifPresent(t -> {
            m.put("gaps", t.gaps().size());
            m.put("damaged", report.damageAlong(timeline).size());
        });
        server.flatMap(RestoredEnd::endLsn).ifPresent(l -> m.put("end_of_recovery_lsn", Lsn.format(l)));
        server.ifPresent(s -> m.put("restored_timeline", s.timeline()));
        after.ifPresent(a -> m.put("commits_after_end_of_recovery", a.commits()));
        return m;
    }

    private static String name(ArchiveReport report, TimelineReport t, long segno) {
        return segno < 0 ? "-" : SegmentName.fileName(t.lineage().timelineOfSegment(segno, report.segmentSize()), segno,
                report.segmentSize());
    }

    private static String unreadable(ArchiveReport report) {
        return report.unreadable().isEmpty() ? "" : " (not read: " + report.unreadable().stream().limit(LISTED)
                .map(u -> u.file() + ": " + u.reason()).collect(Collectors.joining("; ")) + ")";
    }

    private static String more(int n) {
        return n > LISTED ? " and " + (n - LISTED) + " more" : "";
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
    }
}
