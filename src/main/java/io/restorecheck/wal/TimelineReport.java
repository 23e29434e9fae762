package io.restorecheck.wal;

import java.util.List;
import java.util.Optional;

/**
 * One timeline as read from the archive.
 *
 * @param id            timeline id
 * @param lineage       the timeline and its ancestors (from its history file)
 * @param firstSegment  its lowest segment file name, or null when it has no segment
 * @param lastSegment   its newest segment file name, or null
 * @param segments      how many segment files it has
 * @param checkedFrom   segment number continuity is checked from (oldest base backup's start on the lineage, else
 *                      the lineage's first segment); -1 when the lineage has no segment
 * @param checkedFromWhy what {@code checkedFrom} is, in words
 * @param checkedTo     segment number continuity is checked to (its newest segment)
 * @param gaps          segments missing along the lineage between {@code checkedFrom} and {@code checkedTo}
 * @param damaged       damage found in this timeline's own files (and its unreadable files)
 * @param commits       commits on this timeline (from its switchpoint on)
 * @param aborts        aborts on this timeline (from its switchpoint on)
 * @param lastCommit    the last commit on this timeline
 * @param records       records read from its files
 * @param endLsn        end of the last good record read from its files
 */
public record TimelineReport(int id, Lineage lineage, String firstSegment, String lastSegment, long segments,
                            long checkedFrom, String checkedFromWhy, long checkedTo, List<Gap> gaps,
                            List<Damage> damaged, long commits, long aborts, Optional<XactRecord> lastCommit,
                            long records, long endLsn) {
    public TimelineReport {
        gaps = List.copyOf(gaps);
        damaged = List.copyOf(damaged);
    }

    public int parent() {
        List<Lineage.Range> r = lineage.ranges();
        return r.size() < 2 ? 0 : r.get(r.size() - 2).timeline();
    }

    /** Where this timeline begins (its switchpoint), 0 for a timeline without ancestors. */
    public long begin() {
        return lineage.ranges().get(lineage.ranges().size() - 1).begin();
    }
}
