package io.restorecheck.drill;

import java.util.List;

/**
 * One table compared between the drill copy and the live primary up to the cutoff (recovery point minus the
 * timestamp slack): rows the primary holds at or before it that the copy lacks (never allowed), rows the copy holds
 * at or before it that the primary no longer has (allowed for mutable tables: changed or deleted after the
 * recovery point), rows the primary gained after it (allowed: committed after the recovery point), and the
 * latest timestamp on each side.
 */
record TableVerdict(String table, boolean appendOnly, long primaryRows, long primaryRowsUpToCutoff, long copyRows,
                    long copyRowsUpToCutoff, long missing, List<String> missingKeys, long extra,
                    String copyLatest, String primaryLatestUpToCutoff, String error) {

    boolean ok() {
        return error == null && missing == 0 && (!appendOnly || extra == 0);
    }

    String describe() {
        if (error != null) {
            return table + ": " + error;
        }
        StringBuilder b = new StringBuilder(table).append(appendOnly ? " (append-only)" : " (mutable)")
                .append(": copy ").append(copyRows).append(" rows, latest ").append(copyLatest)
                .append("; primary ").append(primaryRowsUpToCutoff).append(" of ").append(primaryRows)
                .append(" rows at or before the cutoff, latest ").append(primaryLatestUpToCutoff);
        if (missing > 0) {
            b.append("; MISSING in the copy: ").append(missing).append(" (").append(String.join(", ", missingKeys))
                    .append(missing > missingKeys.size() ? ", ..." : "").append(")");
        }
        if (extra > 0) {
            b.append(appendOnly ? "; EXTRA in the copy (gone from an append-only table on the primary): "
                    : "; changed or deleted on the primary since: ").append(extra);
        }
        return b.toString();
    }
}
