package io.restorecheck.integrity;

import java.util.List;

/**
 * The comparison of one configured table, restored vs reference. Row counts of -1 mean the table is absent on
 * that side; {@code problem} says why the content could not be compared (null when it was). {@code timestamped}
 * is false for a table configured without a timestamp (no latest edit to compare); {@code onNeitherSide} means
 * the name resolved on neither server, a configuration problem rather than a loss.
 */
public record TableResult(String table, List<String> keyColumns, long referenceRows, long restoredRows,
                          String referenceLatest, String restoredLatest, List<String> missing, long missingTotal,
                          List<String> extra, long extraTotal, List<String> changed, long changedTotal,
                          int segmentsCompared, double seconds, String problem, boolean timestamped,
                          boolean onNeitherSide) {
    public TableResult {
        keyColumns = List.copyOf(keyColumns);
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        changed = List.copyOf(changed);
    }

    public boolean contentEqual() {
        return problem == null && missingTotal == 0 && extraTotal == 0 && changedTotal == 0;
    }
}
