package io.restorecheck.wal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * What {@link ArchiveInspector} found in a WAL archive. {@link #toJson()} is the {@code wal inspect --json}
 * shape: {@code {"segment_size", "timelines": [...], "backups": [...]}}.
 *
 * @param directory        the archive folder
 * @param segmentSize      bytes per segment (0 when unknown)
 * @param major            PostgreSQL major from the page magic (0 when unknown)
 * @param systemId         database system identifier (0 when unknown)
 * @param timelines        per timeline, lowest first
 * @param backups          backup history files, oldest start first
 * @param partials         {@code .partial} files (not read: a partial segment of an old timeline)
 * @param unreadable       files not read, with why
 * @param historyProblems  inconsistencies between timeline history files and segments
 * @param lastCommitBefore per timeline, per switchpoint of a child, its last commit before it (internal)
 */
public record ArchiveReport(Path directory, int segmentSize, int major, long systemId, List<TimelineReport> timelines,
                            List<BackupHistory> backups, List<String> partials, List<ArchiveScan.Unreadable> unreadable,
                            List<String> historyProblems, Map<Integer, NavigableMap<Long, XactRecord>> lastCommitBefore) {

    public Optional<TimelineReport> timeline(int id) {
        return timelines.stream().filter(t -> t.id() == id).findFirst();
    }

    /** The highest timeline: the one recovery targets by default ({@code recovery_target_timeline = latest}). */
    public int highestTimeline() {
        return timelines.isEmpty() ? 0 : timelines.get(timelines.size() - 1).id();
    }

    /** The archive's last commit: on the highest timeline's lineage. */
    public Optional<XactRecord> lastCommit() {
        return lastCommit(highestTimeline());
    }

    /** The last commit along {@code timeline}'s lineage (ancestors' commits count up to their switchpoints). */
    public Optional<XactRecord> lastCommit(int timeline) {
        Optional<TimelineReport> t = timeline(timeline);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        List<Lineage.Range> ranges = t.get().lineage().ranges();
        for (int i = ranges.size() - 1; i >= 0; i--) {
            Lineage.Range r = ranges.get(i);
            Optional<XactRecord> c = r.end() == Long.MAX_VALUE
                    ? timeline(r.timeline()).flatMap(TimelineReport::lastCommit)
                    : Optional.ofNullable(lastCommitBefore.getOrDefault(r.timeline(), new java.util.TreeMap<>())
                    .get(r.end()));
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** Damage on {@code timeline}'s lineage within its checked range (ancestors' files included). */
    public List<Damage> damageAlong(int timeline) {
        List<Damage> out = new ArrayList<>();
        Optional<TimelineReport> t = timeline(timeline);
        if (t.isEmpty()) {
            return out;
        }
        for (Lineage.Range r : t.get().lineage().ranges()) {
            timeline(r.timeline()).ifPresent(tr -> tr.damaged().stream()
                    .filter(d -> d.segno() >= t.get().checkedFrom() && r.covers(d.segno(), Math.max(segmentSize, 1)))
                    .forEach(out::add));
        }
        return out;
    }

    /** True when no timeline has a gap or damage and every WAL-looking file could be read. */
    public boolean clean() {
        return unreadable.isEmpty() && timelines.stream().allMatch(t -> t.gaps().isEmpty() && t.damaged().isEmpty());
    }

    /** The {@code wal inspect --json} document. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("segment_size", segmentSize);
        List<Object> tls = new ArrayList<>();
        for (TimelineReport t : timelines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("first_segment", t.firstSegment());
            m.put("last_segment", t.lastSegment());
            m.put("segments", t.segments());
            List<Object> gaps = new ArrayList<>();
            t.gaps().forEach(g -> gaps.add(Map.of("from", g.from(), "to", g.to())));
            m.put("gaps", gaps);
            List<Object> damaged = new ArrayList<>();
            t.damaged().forEach(d -> {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("segment", d.segment());
                dm.put("offset", d.offset());
                dm.put("reason", d.reason());
                damaged.add(dm);
            });
            m.put("damaged", damaged);
            m.put("last_commit", t.lastCommit().map(ArchiveReport::commitJson).orElse(null));
            tls.add(m);
        }
        root.put("timelines", tls);
        List<Object> backups = new ArrayList<>();
        for (BackupHistory b : backups()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", b.file());
            m.put("label", b.label());
            m.put("timeline", b.startTimeline());
            m.put("start_lsn", Lsn.format(b.startLsn()));
            m.put("stop_lsn", Lsn.format(b.stopLsn()));
            m.put("start_time", b.startTime());
            m.put("stop_time", b.stopTime());
            backups.add(m);
        }
        root.put("backups", backups);
        return root;
    }

    /** {@code {"time", "xid", "lsn"}} of a commit, as the JSON and metrics carry it. */
    public static Map<String, Object> commitJson(XactRecord c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", c.isoTime());
        m.put("xid", c.xid());
        m.put("lsn", Lsn.format(c.lsn()));
        return m;
    }
}
