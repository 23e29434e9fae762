package io.restorecheck.integrity;

import io.restorecheck.report.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Turns table comparisons into the checks rowcount, latest-edit and content, each naming its evidence. */
public final class TableChecks {
    public static final String ROWCOUNT = "integrity.tables.rowcount";
    public static final String LATEST_EDIT = "integrity.tables.latest-edit";
    public static final String CONTENT = "integrity.tables.content";

    private TableChecks() {
    }

    public static CheckResult rowcount(List<TableResult> tables) {
        if (onNeitherSide(tables) != null) {
            return CheckResult.broken(ROWCOUNT, onNeitherSide(tables));
        }
        List<String> bad = new ArrayList<>();
        List<String> all = new ArrayList<>();
        long ref = 0;
        long res = 0;
        for (TableResult t : tables) {
            ref += Math.max(0, t.referenceRows());
            res += Math.max(0, t.restoredRows());
            String line = t.table() + " restored " + rows(t.restoredRows()) + ", reference " + rows(t.referenceRows());
            all.add(line);
            if (t.referenceRows() != t.restoredRows() || t.referenceRows() < 0) {
                bad.add(line + (t.referenceRows() >= 0 && t.restoredRows() >= 0 ? " ("
                        + signed(t.restoredRows() - t.referenceRows()) + ")" : ""));
            }
        }
        return bad.isEmpty()
                ? CheckResult.passed(ROWCOUNT, res, ref, "rows", "every table has the reference's row count: "
                + String.join("; ", all))
                : CheckResult.failed(ROWCOUNT, res, ref, "rows", bad.size() + " of " + tables.size()
                + " tables differ from the reference (base backup + archive): " + String.join("; ", bad));
    }

    public static CheckResult latestEdit(List<TableResult> tables) {
        if (onNeitherSide(tables) != null) {
            return CheckResult.broken(LATEST_EDIT, onNeitherSide(tables));
        }
        List<String> bad = new ArrayList<>();
        List<String> all = new ArrayList<>();
        List<String> untimed = tables.stream().filter(t -> !t.timestamped()).map(TableResult::table).toList();
        tables = tables.stream().filter(TableResult::timestamped).toList();
        if (tables.isEmpty()) {
            return CheckResult.skipped(LATEST_EDIT, "no configured table has a timestamp (skipped: "
                    + String.join(", ", untimed) + "); row counts and content are still compared");
        }
        String skippedNote = untimed.isEmpty() ? "" : " (skipped, no timestamp configured: "
                + String.join(", ", untimed) + ")";
        String measured = null;
        String expected = null;
        for (TableResult t : tables) {
            String line = t.table() + " restored " + orNone(t.restoredLatest()) + ", reference "
                    + orNone(t.referenceLatest());
            all.add(line);
            if (t.referenceRows() < 0 || t.restoredRows() < 0 || !Objects.equals(t.referenceLatest(),
                    t.restoredLatest())) {
                bad.add(line);
                if (measured == null) {
                    measured = orNone(t.restoredLatest());
                    expected = orNone(t.referenceLatest());
                }
            }
        }
        if (bad.isEmpty()) {
            TableResult first = tables.isEmpty() ? null : tables.get(0);
            return CheckResult.passed(LATEST_EDIT, first == null ? null : orNone(first.restoredLatest()),
                    first == null ? null : orNone(first.referenceLatest()), null,
                    "every table's latest timestamp equals the reference's: " + String.join("; ", all)
                            + skippedNote);
        }
        return CheckResult.failed(LATEST_EDIT, measured, expected, null, bad.size() + " of " + tables.size()
                + " tables' latest timestamp differs from the reference: " + String.join("; ", bad) + skippedNote);
    }

    public static CheckResult content(List<TableResult> tables) {
        if (onNeitherSide(tables) != null) {
            return CheckResult.broken(CONTENT, onNeitherSide(tables));
        }
        List<String> bad = new ArrayList<>();
        List<String> all = new ArrayList<>();
        long differing = 0;
        for (TableResult t : tables) {
            if (t.problem() != null) {
                bad.add(t.table() + ": " + t.problem());
                differing += Math.max(0, t.referenceRows());
                continue;
            }
            if (t.contentEqual()) {
                all.add(t.table() + " " + t.referenceRows() + " rows in " + t.segmentsCompared() + " segments");
                continue;
            }
            differing += t.missingTotal() + t.extraTotal() + t.changedTotal();
            StringBuilder sb = new StringBuilder(t.table()).append(" keyed by ").append(t.keyColumns()).append(':');
            kind(sb, "missing", t.missing(), t.missingTotal());
            kind(sb, "extra", t.extra(), t.extraTotal());
            kind(sb, "changed", t.changed(), t.changedTotal());
            bad.add(sb.toString());
        }
        return bad.isEmpty()
                ? CheckResult.passed(CONTENT, 0, 0, "rows differing", "row fingerprints agree with the reference: "
                + String.join("; ", all))
                : CheckResult.failed(CONTENT, differing, 0, "rows differing", "rows differ from the reference "
                + "(base backup + archive) in " + bad.size() + " of " + tables.size() + " tables: "
                + String.join(" | ", bad));
    }

    /**
     * A table found on neither server is a configuration problem (usually its schema), not a loss: the checks
     * are broken naming it, never failed as if the archive lacked it. Null when every table resolved somewhere.
     */
    private static String onNeitherSide(List<TableResult> tables) {
        List<String> problems = tables.stream().filter(TableResult::onNeitherSide).map(TableResult::problem).toList();
        return problems.isEmpty() ? null : "cannot compare " + problems.size() + " of " + tables.size()
                + " configured tables: " + String.join(" | ", problems);
    }

    private static void kind(StringBuilder sb, String what, List<String> named, long total) {
        if (total == 0) {
            return;
        }
        sb.append(' ').append(total).append(' ').append(what);
        sb.append(" (").append(named.size() < total ? "first " + named.size() + ": " : "")
                .append(String.join(", ", named)).append(')');
    }

    private static String rows(long n) {
        return n < 0 ? "no such table" : n + " rows";
    }

    private static String signed(long n) {
        return n > 0 ? "+" + n : Long.toString(n);
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }
}
