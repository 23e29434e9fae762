package io.restorecheck.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link Compare.Result} as aligned plain-text tables and as Markdown tables. */
final class CompareTables {
    private static final String MISSING = "-";

    private CompareTables() {
    }

    static String text(Compare.Result r) {
        StringBuilder out = new StringBuilder();
        out.append(r.headline()).append("\n\n");
        out.append(align(List.of("check", "A", "B", ""), checkRows(r), false));
        out.append('\n');
        if (r.metrics().isEmpty()) {
            out.append("no numeric metrics in either run\n");
        } else {
            out.append(align(List.of("metric", "A", "B", "delta", "delta %"), metricRows(r), true));
        }
        return out.toString();
    }

    static String markdown(Compare.Result r) {
        StringBuilder md = new StringBuilder();
        md.append("# restorecheck compare\n\n");
        md.append("A = `").append(r.a()).append("`, B = `").append(r.b()).append("`: ").append(r.changedChecks())
                .append(" checks changed status, ").append(r.changedMetrics()).append(" metrics differ.\n\n");
        md.append("## Checks\n\n| check | A | B | changed |\n|---|---|---|---|\n");
        for (List<String> row : checkRows(r)) {
            md.append("| `").append(row.get(0)).append("` | ").append(row.get(1)).append(" | ").append(row.get(2))
                    .append(" | ").append(row.get(3).isEmpty() ? "" : "**changed**").append(" |\n");
        }
        md.append("\n## Metrics\n\n");
        if (r.metrics().isEmpty()) {
            md.append("No numeric metrics in either run.\n");
        } else {
            md.append("| metric | A | B | delta | delta % |\n|---|---:|---:|---:|---:|\n");
            for (List<String> row : metricRows(r)) {
                md.append("| `").append(row.get(0)).append("` | ").append(String.join(" | ", row.subList(1, 5)))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static List<List<String>> checkRows(Compare.Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (Compare.CheckRow c : r.checks()) {
            rows.add(List.of(c.id(), orMissing(c.a()), orMissing(c.b()), c.changed() ? "<- changed" : ""));
        }
        return rows;
    }

    private static List<List<String>> metricRows(Compare.Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (Compare.MetricRow m : r.metrics()) {
            rows.add(List.of(m.path(), number(m.a(), false), number(m.b(), false), number(m.delta(), true),
                    m.deltaPercent() == null ? MISSING : number(m.deltaPercent(), true) + "%"));
        }
        return rows;
    }

    private static String orMissing(String s) {
        return s == null ? MISSING : s;
    }

    /** Up to three decimals, trailing zeros dropped; a sign on deltas. */
    static String number(Double v, boolean signed) {
        if (v == null) {
            return MISSING;
        }
        String s = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        if (s.equals("-0")) {
            s = "0";
        }
        return signed && v > 0 && !s.equals("0") ? "+" + s : s;
    }

    private static String align(List<String> header, List<List<String>> rows, boolean numbersRight) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width, numbersRight);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(out, rule, width, numbersRight);
        for (List<String> row : rows) {
            line(out, row, width, numbersRight);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width, boolean numbersRight) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            boolean right = numbersRight && i > 0;
            String pad = " ".repeat(width[i] - cell.length());
            l.append(i == 0 ? "" : "  ").append(right ? pad + cell : cell + pad);
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}
