package io.restorecheck.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a WAL archive folder into an {@link ArchiveReport}: per timeline its segments, gaps along its lineage
 * from the oldest base backup's start, damaged places, commits and the last commit. Only ever reads the archive.
 */
public final class ArchiveInspector {
    private ArchiveInspector() {
    }

    /** Inspects {@code archiveDir}, reading every segment; {@link NoSuchFileException} when it is not a folder. */
    public static ArchiveReport inspect(Path archiveDir) throws IOException {
        return inspect(archiveDir, false);
    }

    /**
     * Inspects {@code archiveDir}; with {@code fromOldestBackup}, each timeline's segments before the oldest base
     * backup's start on its lineage are not read (a restore never needs them; commit counts then start there).
     */
    public static ArchiveReport inspect(Path archiveDir, boolean fromOldestBackup) throws IOException {
        return inspect(archiveDir, fromOldestBackup, defaultWorkers());
    }

    /** Threads reading segments when none are given: one per available core. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** As {@link #inspect(Path, boolean)}, reading segments on {@code workers} threads (same report for any count). */
    public static ArchiveReport inspect(Path archiveDir, boolean fromOldestBackup, int workers) throws IOException {
        if (!Files.isDirectory(archiveDir)) {
            throw new NoSuchFileException(archiveDir.toString(), null, "not a folder");
        }
        ArchiveScan scan = ArchiveScan.of(archiveDir);
        int segSize = scan.segmentSize();
        List<String> problems = historyProblems(scan);
        List<TimelineReport> timelines = new ArrayList<>();
        Map<Integer, NavigableMap<Long, XactRecord>> lastBefore = new TreeMap<>();
        int major = 0;
        long sysid = 0;
        for (int tli : scan.timelines()) {
            Lineage lineage = Lineage.of(tli, scan.histories());
            NavigableMap<Long, Path> own = scan.segments().getOrDefault(tli, new TreeMap<>());
            TreeSet<Long> cuts = new TreeSet<>();
            for (int other : scan.timelines()) {
                Lineage l = Lineage.of(other, scan.histories());
                Lineage.Range r = l.range(tli);
                if (other != tli && r != null && r.end() != Long.MAX_VALUE) {
                    cuts.add(r.end());
                }
            }
            long begin = lineage.ranges().get(lineage.ranges().size() - 1).begin();
            TimelineVisitor v = new TimelineVisitor(begin, cuts);
            Continuity c = segSize == 0 ? Continuity.NONE : continuity(scan, lineage, own);
            long readFrom = fromOldestBackup ? c.from : 0;
            List<WalReader.SegmentFile> files = new ArrayList<>();
            own.forEach((segno, path) -> {
                if (segno >= readFrom) {
                    files.add(new WalReader.SegmentFile(tli, segno, path));
                }
            });
            WalReader.Stats stats = segSize == 0 ? new WalReader.Stats(0, 0, 0, 0, 0, 0, 0)
                    : WalReader.read(files, segSize, v, workers);
            major = major == 0 ? stats.major() : major;
            sysid = sysid == 0 ? stats.systemId() : sysid;
            lastBefore.put(tli, v.lastBefore);
            List<Damage> damaged = new ArrayList<>(v.damage);
            scan.unreadable().stream().filter(u -> u.timeline() == tli && u.segno() >= 0)
                    .forEach(u -> damaged.add(new Damage(tli, u.file(), u.segno(), 0, u.reason())));
            damaged.sort((a, b) -> a.segno() != b.segno() ? Long.compare(a.segno(), b.segno())
                    : Long.compare(a.offset(), b.offset()));
            timelines.add(new TimelineReport(tli, lineage,
                    own.isEmpty() ? null : SegmentName.fileName(tli, own.firstKey(), segSize),
                    own.isEmpty() ? null : SegmentName.fileName(tli, own.lastKey(), segSize), own.size(),
                    c.from, c.fromWhy, c.to, c.gaps, damaged, v.commits, v.aborts, Optional.ofNullable(v.last),
                    stats.records(), stats.endLsn()));
        }
        return new ArchiveReport(archiveDir, segSize, major, sysid, timelines, scan.backups(), scan.partials(),
                scan.unreadable(), problems, lastBefore);
    }

    /**
     * Reads the archive along {@code timeline}'s lineage from the segment holding {@code fromLsn} and collects
     * the commits at or after {@code fromLsn}: what a server whose replay ended there has not got.
     */
    public static CommitsAfter commitsAfter(Path archiveDir, int timeline, long fromLsn) throws IOException {
        return commitsAfter(archiveDir, timeline, fromLsn, defaultWorkers());
    }

    /** As {@link #commitsAfter(Path, int, long)}, reading segments on {@code workers} threads. */
    public static CommitsAfter commitsAfter(Path archiveDir, int timeline, long fromLsn, int workers)
            throws IOException {
        ArchiveScan scan = ArchiveScan.of(archiveDir);
        int segSize = scan.segmentSize();
        if (segSize == 0) {
            return new CommitsAfter(fromLsn, 0, 0, Optional.empty(), Optional.empty(), List.of(), List.of());
        }
        Lineage lineage = Lineage.of(timeline, scan.histories());
        List<WalReader.SegmentFile> files = new ArrayList<>(
                lineage.files(scan.segments(), segSize).tailMap(fromLsn / segSize, true).values());
        CommitsVisitor v = new CommitsVisitor(lineage, fromLsn, segSize);
        long fromSegno = fromLsn / segSize;
        if (!files.isEmpty() && files.get(0).segno() > fromSegno) {
            v.gap(timeline, fromSegno, files.get(0).segno() - 1);
        }
        WalReader.read(files, segSize, v, workers);
        return new CommitsAfter(fromLsn, v.commits, v.aborts, Optional.ofNullable(v.first), Optional.ofNullable(v.last),
                v.damage, v.gaps);
    }

    private record Continuity(long from, String fromWhy, long to, List<Gap> gaps) {
        static final Continuity NONE = new Continuity(-1, "no segment", -1, List.of());
    }

    private static Continuity continuity(ArchiveScan scan, Lineage lineage, NavigableMap<Long, Path> own) {
        int segSize = scan.segmentSize();
        TreeSet<Long> present = new TreeSet<>(lineage.files(scan.segments(), segSize).keySet());
        for (ArchiveScan.Unreadable u : scan.unreadable()) {
            Lineage.Range r = lineage.range(u.timeline());
            if (u.segno() >= 0 && r != null && r.covers(u.segno(), segSize)) {
                present.add(u.segno());
            }
        }
        if (present.isEmpty()) {
            return Continuity.NONE;
        }
        long from = present.first();
        String why = "first segment of the lineage";
        for (BackupHistory b : scan.backups()) {
            Lineage.Range r = lineage.range(b.startTimeline());
            if (r != null && r.holds(b.startLsn())) {
                from = b.startLsn() / segSize;
                why = "start of the oldest base backup, " + Lsn.format(b.startLsn()) + " (" + b.file() + ")";
                break;
            }
        }
        long to = own.isEmpty() ? present.last() : own.lastKey();
        List<Gap> gaps = new ArrayList<>();
        long expect = from;
        for (long s : present.subSet(from, true, to, true)) {
            if (s > expect) {
                gaps.add(gap(lineage, expect, s - 1, segSize));
            }
            expect = s + 1;
        }
        if (expect <= to) {
            gaps.add(gap(lineage, expect, to, segSize));
        }
        return new Continuity(from, why, to, gaps);
    }

    private static Gap gap(Lineage lineage, long from, long to, int segSize) {
        return new Gap(SegmentName.fileName(lineage.timelineOfSegment(from, segSize), from, segSize),
                SegmentName.fileName(lineage.timelineOfSegment(to, segSize), to, segSize), from, to);
    }

    private static List<String> historyProblems(ArchiveScan scan) {
        List<String> problems = new ArrayList<>();
        scan.histories().forEach((tli, h) -> {
            h.problems().forEach(p -> problems.add(String.format("%08X.history: %s", tli, p)));
            TimelineHistory parent = scan.histories().get(h.parent());
            if (parent != null && !h.switches().subList(0, Math.max(0, h.switches().size() - 1))
                    .equals(parent.switches())) {
                problems.add(String.format("%08X.history does not repeat its parent's %08X.history", tli, h.parent()));
            }
        });
        int segSize = scan.segmentSize();
        scan.segments().forEach((tli, segs) -> {
            TimelineHistory h = scan.histories().get(tli);
            if (tli > 1 && h == null) {
                problems.add("timeline " + tli + " has segments but no " + String.format("%08X", tli)
                        + ".history: its ancestry is unknown");
            }
            if (h != null && segSize > 0 && !segs.isEmpty() && segs.firstKey() < h.begin() / segSize) {
                problems.add("timeline " + tli + " has segment " + SegmentName.fileName(tli, segs.firstKey(), segSize)
                        + " before its switchpoint " + Lsn.format(h.begin()));
            }
        });
        return problems;
    }

    /** Collects one timeline's own commits (from its switchpoint on) and damage. */
    private static final class TimelineVisitor implements WalReader.Visitor {
        final long begin;
        final TreeSet<Long> cuts;
        final NavigableMap<Long, XactRecord> lastBefore = new TreeMap<>();
        final List<Damage> damage = new ArrayList<>();
        long commits;
        long aborts;
        XactRecord last;

        TimelineVisitor(long begin, TreeSet<Long> cuts) {
            this.begin = begin;
            this.cuts = cuts;
        }

        @Override
        public void xact(XactRecord r) {
            if (r.lsn() < begin) {
                return;
            }
            if (r.kind().isCommit()) {
                commits++;
                last = r;
                for (Long cut : cuts.tailSet(r.lsn(), false)) {
                    lastBefore.put(cut, r);
                }
            } else {
                aborts++;
            }
        }

        @Override
        public void damage(Damage d) {
            damage.add(d);
        }
    }

    private static final class CommitsVisitor implements WalReader.Visitor {
        final Lineage lineage;
        final long from;
        final int segSize;
        final List<Damage> damage = new ArrayList<>();
        final List<Gap> gaps = new ArrayList<>();
        long commits;
        long aborts;
        XactRecord first;
        XactRecord last;

        CommitsVisitor(Lineage lineage, long from, int segSize) {
            this.lineage = lineage;
            this.from = from;
            this.segSize = segSize;
        }

        @Override
        public void xact(XactRecord r) {
            Lineage.Range range = lineage.range(r.timeline());
            if (r.lsn() < from || range == null || !range.holds(r.lsn())) {
                return;
            }
            if (r.kind().isCommit()) {
                commits++;
                if (first == null) {
                    first = r;
                }
                last = r;
            } else {
                aborts++;
            }
        }

        @Override
        public void damage(Damage d) {
            damage.add(d);
        }

        @Override
        public void gap(int timeline, long fromSegno, long toSegno) {
            gaps.add(ArchiveInspector.gap(lineage, fromSegno, toSegno, segSize));
        }
    }
}
