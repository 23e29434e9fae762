package io.restorecheck.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tuning result for people and scripts: the ranked table (plain text for the console, Markdown for
 * {@code tune.md}), the chart, and {@code metrics.tune} for summary.json.
 */
public final class TuneReport {
    public static final String MARKDOWN = "tune.md";
    public static final String CHART = "tune-capacity.png";
    private static final String[] HEADERS = {"rank", "variant", "capacity median req/s", "interval",
        "p95 ms", "hit ratio", "evictions", "repeats"};

    private TuneReport() {
    }

    /** Table rows: ranked variants first, then those that could not be measured (rank "-"). */
    static List<String[]> rows(Ranking ranking) {
        List<String[]> rows = new ArrayList<>();
        for (VariantResult r : ranking.ranked()) {
            Interval t = r.capacity();
            rows.add(new String[] {Integer.toString(ranking.rankOf(r)), r.variant().name(), fmt("%.0f", t.median()),
                fmt("%.0f..%.0f (%.0f%%)", t.low(), t.high(), t.coverage() * 100), fmt("%.1f", r.p95Ms()),
                Double.isNaN(r.hitRatio()) ? "n/a" : fmt("%.3f", r.hitRatio()), Long.toString(r.evictions()),
                Integer.toString(r.samples().size())});
        }
        for (VariantResult r : ranking.failed()) {
            rows.add(new String[] {"-", r.variant().name(), "not measured", "", "", "", "", ""});
        }
        return rows;
    }

    /** The ranked table in fixed-width columns. */
    public static String text(Ranking ranking) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        rows.addAll(rows(ranking));
        int[] width = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                boolean left = i == 1;
                out.append(left ? String.format("%-" + width[i] + "s", row[i]) : String.format("%" + width[i] + "s",
                        row[i])).append(i + 1 < row.length ? "  " : "\n");
            }
        }
        return out.toString();
    }

    public static String markdown(Matrix matrix, TuneRun.Outcome outcome, String measured) {
        Ranking ranking = outcome.ranking();
        StringBuilder md = new StringBuilder("# restorecheck tune\n\n");
        md.append("**Recommendation:** ").append(ranking.recommendation()).append("\n\n");
        md.append("| ").append(String.join(" | ", HEADERS)).append(" |\n|");
        md.append("---|".repeat(HEADERS.length)).append('\n');
        for (String[] row : rows(ranking)) {
            md.append("| ").append(String.join(" | ", escape(row))).append(" |\n");
        }
        md.append('\n').append(fmt("Matrix `%s`: %d variants, %d repeats each, %d s per measurement after %s,"
                + " interleaved (rounds of every variant)%s. Measured: %s.%n%n", matrix.source(),
                matrix.variants().size(), matrix.repeats(), matrix.duration().toSeconds(),
                TuneRun.describeWarmUp(matrix),
                matrix.shuffleSeed().isPresent() ? ", shuffled within rounds with seed "
                        + matrix.shuffleSeed().getAsLong() : "", measured));
        md.append("Interval: distribution-free order-statistic interval of the median, 95% when there are at least"
                + " 6 repeats; with fewer it is min..max and the percentage shows its actual confidence. p95, hit"
                + " ratio and evictions are medians over the repeats.\n\n");
        if (!ranking.failed().isEmpty()) {
            md.append("## Not measured\n\n");
            for (VariantResult r : ranking.failed()) {
                md.append("- `").append(r.variant().name()).append("`: ").append(r.failure().orElse("")).append('\n');
            }
            md.append('\n');
        }
        md.append("## Settings per variant\n\n");
        for (Variant v : matrix.variants()) {
            md.append("- `").append(v.name()).append("`: ").append(v.settings().isEmpty() ? "as the stack is"
                    : v.settings().toString()).append('\n');
        }
        md.append("\n## Measurements in order\n\n| # | variant | repeat | req/s | p95 ms | hit ratio | evictions |"
                + " errors |\n|---|---|---|---|---|---|---|---|\n");
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        int n = 0;
        for (Schedule.Slot slot : outcome.schedule()) {
            VariantResult r = outcome.results().get(slot.variant());
            int i = seen.merge(slot.variant(), 1, Integer::sum) - 1;
            n++;
            if (i < r.samples().size()) {
                Sample s = r.samples().get(i);
                md.append(fmt("| %d | %s | %d | %.0f | %.1f | %s | %d | %d |%n", n, escape(r.variant().name()),
                        slot.repeat() + 1, s.capacityPerSec(), s.p95Ms(), Double.isNaN(s.hitRatio()) ? "n/a"
                                : fmt("%.3f", s.hitRatio()), s.evictions(), s.errors()));
            } else {
                md.append(fmt("| %d | %s | %d | not measured | | | | |%n", n, escape(r.variant().name()),
                        slot.repeat() + 1));
            }
        }
        md.append("\n![capacity per variant](").append(CHART).append(")\n");
        return md.toString();
    }

    /** {@code metrics.tune}: the variants with their settings, rank and summaries, and the recommendation. */
    public static Map<String, Object> metrics(Matrix matrix, TuneRun.Outcome outcome) {
        Ranking ranking = outcome.ranking();
        List<Map<String, Object>> variants = new ArrayList<>();
        for (VariantResult r : outcome.results()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", r.variant().name());
            v.put("settings", r.variant().settings());
            if (r.measured()) {
                Interval t = r.capacity();
                Map<String, Object> capacity = new LinkedHashMap<>();
                capacity.put("median", round(t.median(), 1));
                capacity.put("low", round(t.low(), 1));
                capacity.put("high", round(t.high(), 1));
                capacity.put("confidence", round(t.coverage(), 4));
                v.put("rank", ranking.rankOf(r));
                v.put("capacity", capacity);
                v.put("p95_ms", round(r.p95Ms(), 2));
                v.put("hit_ratio", Double.isNaN(r.hitRatio()) ? null : round(r.hitRatio(), 4));
                v.put("evictions", r.evictions());
                v.put("errors", r.errors());
                v.put("samples", r.samples().stream().map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("capacity", round(s.capacityPerSec(), 1));
                    m.put("p95_ms", round(s.p95Ms(), 2));
                    m.put("hit_ratio", Double.isNaN(s.hitRatio()) ? null : round(s.hitRatio(), 4));
                    m.put("evictions", s.evictions());
                    m.put("requests", s.requests());
                    m.put("errors", s.errors());
                    return m;
                }).toList());
            } else {
                v.put("rank", null);
                v.put("failure", r.failure().orElse("no measurement"));
            }
            variants.add(v);
        }
        variants.sort(java.util.Comparator.comparingInt(v -> v.get("rank") == null ? Integer.MAX_VALUE
                : (Integer) v.get("rank")));
        Map<String, Object> tune = new LinkedHashMap<>();
        tune.put("variants", variants);
        tune.put("recommendation", ranking.recommendation());
        tune.put("repeats", matrix.repeats());
        tune.put("duration_s", matrix.duration().toMillis() / 1000.0);
        tune.put("warm_up_s", matrix.warmUp().toMillis() / 1000.0);
        tune.put("interval", "order-statistic interval of the median (distribution-free), 95% from 6 repeats;"
                + " below that min..max with its confidence");
        tune.put("schedule", outcome.schedule().stream()
                .map(s -> matrix.variants().get(s.variant()).name() + "#" + (s.repeat() + 1)).toList());
        return tune;
    }

    /** Writes tune.md and the chart into the run folder. */
    public static void write(Path runDir, Matrix matrix, TuneRun.Outcome outcome, String measured) {
        try {
            TuneChart.write(runDir.resolve(CHART), outcome.ranking());
            Files.writeString(runDir.resolve(MARKDOWN), markdown(matrix, outcome, measured));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tuning report into " + runDir, e);
        }
    }

    private static String[] escape(String[] row) {
        String[] out = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = escape(row[i]);
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
