package io.restorecheck.wal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A timeline and its ancestors as its history file lists them, oldest first: which timeline's WAL holds each
 * LSN range. Recovery that targets the timeline reads each segment from the newest timeline whose range covers it.
 *
 * @param timeline the timeline
 * @param ranges   oldest first; the last is the timeline itself, open-ended
 */
public record Lineage(int timeline, List<Range> ranges) {
    public Lineage {
        ranges = List.copyOf(ranges);
    }

    /**
     * LSNs {@code [begin, end)} of the lineage are on timeline {@code timeline}.
     *
     * @param end exclusive; {@link Long#MAX_VALUE} for the timeline itself
     */
    public record Range(int timeline, long begin, long end) {
        boolean covers(long segno, int segSize) {
            return segno >= begin / segSize && (end == Long.MAX_VALUE || segno <= (end - 1) / segSize);
        }

        boolean holds(long lsn) {
            return lsn >= begin && lsn < end;
        }
    }

    /** The lineage from the timeline's history file; a timeline without one stands alone. */
    public static Lineage of(int timeline, Map<Integer, TimelineHistory> histories) {
        List<Range> ranges = new ArrayList<>();
        TimelineHistory h = histories.get(timeline);
        long begin = 0;
        if (h != null) {
            for (TimelineHistory.Switch s : h.switches()) {
                ranges.add(new Range(s.parent(), begin, s.switchpoint()));
                begin = s.switchpoint();
            }
        }
        ranges.add(new Range(timeline, begin, Long.MAX_VALUE));
        return new Lineage(timeline, ranges);
    }

    public boolean contains(int tli) {
        return ranges.stream().anyMatch(r -> r.timeline() == tli);
    }

    /** The range of {@code tli} on this lineage, or null. */
    public Range range(int tli) {
        return ranges.stream().filter(r -> r.timeline() == tli).findFirst().orElse(null);
    }

    /** The timeline whose WAL holds {@code lsn} on this lineage. */
    public int timelineAt(long lsn) {
        for (Range r : ranges) {
            if (r.holds(lsn)) {
                return r.timeline();
            }
        }
        return timeline;
    }

    /** The segment files recovery along this lineage would read: per segment, the newest covering timeline's. */
    public NavigableMap<Long, WalReader.SegmentFile> files(Map<Integer, NavigableMap<Long, java.nio.file.Path>> segments,
                                                          int segSize) {
        NavigableMap<Long, WalReader.SegmentFile> out = new TreeMap<>();
        for (int i = ranges.size() - 1; i >= 0; i--) {
            Range r = ranges.get(i);
            NavigableMap<Long, java.nio.file.Path> own = segments.getOrDefault(r.timeline(), new TreeMap<>());
            long from = r.begin() / segSize;
            NavigableMap<Long, java.nio.file.Path> sub = r.end() == Long.MAX_VALUE ? own.tailMap(from, true)
                    : own.subMap(from, true, (r.end() - 1) / segSize, true);
            sub.forEach((segno, path) -> out.putIfAbsent(segno, new WalReader.SegmentFile(r.timeline(), segno, path)));
        }
        return out;
    }

    /** The covering timeline for a segment number (the newest whose range covers it). */
    public int timelineOfSegment(long segno, int segSize) {
        for (int i = ranges.size() - 1; i >= 0; i--) {
            if (ranges.get(i).covers(segno, segSize)) {
                return ranges.get(i).timeline();
            }
        }
        return timeline;
    }
}
