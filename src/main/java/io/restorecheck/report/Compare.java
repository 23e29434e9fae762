package io.restorecheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two runs side by side: every check id with its status in run A and run B, and every numeric metric leaf (dotted
 * paths such as {@code load.throughput}, list items as {@code [i]}) with A, B, the delta B - A and the delta in per
 * cent of A. A check or metric present in only one run shows as missing on the other side and counts as changed.
 */
public final class Compare {
    /** One check id: its status in each run ({@code null} when the run has no such check). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"id", "a", "b", "changed"})
    public record CheckRow(String id, String a, String b, boolean changed) {
    }

    /** One numeric metric: A, B ({@code null} when absent), B - A and (B - A) / |A| in per cent. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"path", "a", "b", "delta", "delta_percent", "changed"})
    public record MetricRow(String path, Double a, Double b, Double delta,
                            @JsonProperty("delta_percent") Double deltaPercent, boolean changed) {
    }

    /** The comparison of run {@code a} with run {@code b} (their folder names). */
    @JsonPropertyOrder({"a", "b", "checks", "metrics"})
    public record Result(String a, String b, List<CheckRow> checks, List<MetricRow> metrics) {
        public Result {
            checks = List.copyOf(checks);
            metrics = List.copyOf(metrics);
        }

        public long changedChecks() {
            return checks.stream().filter(CheckRow::changed).count();
        }

        public long changedMetrics() {
            return metrics.stream().filter(MetricRow::changed).count();
        }

        /** "A vs B: N checks changed status, M metrics differ". */
        public String headline() {
            return a + " vs " + b + ": " + changedChecks() + " check" + (changedChecks() == 1 ? "" : "s")
                    + " changed status, " + changedMetrics() + " metric" + (changedMetrics() == 1 ? "" : "s")
                    + " differ" + (changedMetrics() == 1 ? "s" : "");
        }

        /** {@code metrics.compare} of the compare run's {@code summary.json}. */
        public Map<String, Object> toMetrics() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("a", a);
            m.put("b", b);
            m.put("checks", SummaryWriter.json().convertValue(checks, List.class));
            m.put("metrics", SummaryWriter.json().convertValue(metrics, List.class));
            return m;
        }

        /** Plain-text tables for a terminal. */
        public String text() {
            return CompareTables.text(this);
        }

        /**
         * The same tables as an HTML page ({@code compare.html}), changed rows highlighted; {@code linkA} and
         * {@code linkB} are relative links to the runs' own index.html, or null.
         */
        public String html(String linkA, String linkB) {
            return CompareHtml.html(this, linkA, linkB);
        }

        /** The same tables in Markdown ({@code compare.md}). */
        public String markdown() {
            return CompareTables.markdown(this);
        }
    }

    private Compare() {
    }

    /** Compares the summaries of two runs named {@code nameA} and {@code nameB}. */
    public static Result of(String nameA, Summary a, String nameB, Summary b) {
        return new Result(nameA, nameB, checks(a, b), metrics(a, b));
    }

    private static List<CheckRow> checks(Summary a, Summary b) {
        Map<String, String> statusA = statuses(a);
        Map<String, String> statusB = statuses(b);
        List<String> ids = new ArrayList<>(statusA.keySet());
        statusB.keySet().stream().filter(id -> !statusA.containsKey(id)).forEach(ids::add);
        List<CheckRow> rows = new ArrayList<>();
        for (String id : ids) {
            String sa = statusA.get(id);
            String sb = statusB.get(id);
            rows.add(new CheckRow(id, sa, sb, !Objects.equals(sa, sb)));
        }
        return rows;
    }

    private static Map<String, String> statuses(Summary s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CheckResult c : s.checks()) {
            // A check id repeated within one run (it should not be) shows its last status.
            out.put(c.id(), c.status() == null ? null : c.status().json());
        }
        return out;
    }

    private static List<MetricRow> metrics(Summary a, Summary b) {
        Map<String, Double> leavesA = new LinkedHashMap<>();
        Map<String, Double> leavesB = new LinkedHashMap<>();
        flatten("", a.metrics(), leavesA);
        flatten("", b.metrics(), leavesB);
        List<String> paths = new ArrayList<>(leavesA.keySet());
        leavesB.keySet().stream().filter(p -> !leavesA.containsKey(p)).forEach(paths::add);
        List<MetricRow> rows = new ArrayList<>();
        for (String path : paths) {
            Double va = leavesA.get(path);
            Double vb = leavesB.get(path);
            Double delta = va != null && vb != null ? vb - va : null;
            Double percent = delta != null && va != 0 ? delta / Math.abs(va) * 100 : null;
            rows.add(new MetricRow(path, va, vb, delta, percent, !Objects.equals(va, vb)));
        }
        return rows;
    }

    /** Collects every numeric leaf under {@code node} as {@code dotted.path[i]} -> value. */
    static void flatten(String prefix, Object node, Map<String, Double> out) {
        if (node instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (prefix.isEmpty()) {
                // Summary keeps its top-level metrics in an unordered map: sort them so the table reads the same
                // every time; deeper maps keep the order of the JSON file.
                entries.sort((x, y) -> String.valueOf(x.getKey()).compareTo(String.valueOf(y.getKey())));
            }
            for (Map.Entry<?, ?> e : entries) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
        } else if (node instanceof Number n) {
            double v = n instanceof BigDecimal bd ? bd.doubleValue() : n.doubleValue();
            if (Double.isFinite(v)) {
                out.put(prefix, v);
            }
        }
    }
}
