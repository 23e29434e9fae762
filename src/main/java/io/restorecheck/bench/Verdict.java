package io.restorecheck.bench;

import io.restorecheck.report.CheckResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The judgement of one benchmark run: the run's numbers, the baseline (absent when the history is too short), the
 * regressions found (each a sentence with the numbers) and a one-line message for the report.
 */
public final class Verdict {
    private final BenchRecord run;
    private final Baseline baseline;
    private final RegressionJudge.Rule rule;
    private final List<String> regressions;
    private final int previousRuns;

    Verdict(BenchRecord run, Baseline baseline, RegressionJudge.Rule rule, List<String> regressions) {
        this(run, baseline, rule, regressions, baseline.runs());
    }

    private Verdict(BenchRecord run, Baseline baseline, RegressionJudge.Rule rule, List<String> regressions,
                    int previousRuns) {
        this.run = run;
        this.baseline = baseline;
        this.rule = rule;
        this.regressions = List.copyOf(regressions);
        this.previousRuns = previousRuns;
    }

    static Verdict noBaseline(BenchRecord run, int previousRuns, RegressionJudge.Rule rule) {
        return new Verdict(run, null, rule, List.of(), previousRuns);
    }

    public BenchRecord run() {
        return run;
    }

    /** Empty when fewer than two previous runs exist. */
    public Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    public boolean regression() {
        return !regressions.isEmpty();
    }

    /** One sentence per metric that regressed, with the run's value, the baseline, the noise and the threshold. */
    public List<String> regressions() {
        return regressions;
    }

    /** The verdict in one line, numbers included. */
    public String message() {
        if (baseline == null) {
            return format("no baseline yet: %d previous run%s in the history, at least 2 are needed; this run is not "
                    + "judged", previousRuns, previousRuns == 1 ? "" : "s");
        }
        if (regression()) {
            return "regression: " + String.join("; ", regressions);
        }
        String hit = baseline.hitRatio() == null || run.hitRatio() == null ? ""
                : format(", hit ratio %.3f (threshold >= %.3f)", run.hitRatio(), baseline.hitRatioMin());
        String capacity = baseline.capacity() == null || run.capacity() == null ? ""
                : format(", capacity %.1f req/s (threshold >= %.1f)", run.capacity(), baseline.capacityMin());
        return format("no regression against the median of %d runs: throughput %.1f req/s (threshold >= %.1f)%s, "
                + "p95 %.1f ms (threshold <= %.1f)%s", baseline.runs(), run.throughput(), baseline.throughputMin(),
                capacity, run.p95Ms(), baseline.p95MsMax(), hit);
    }

    /**
     * {@code metrics.bench} of {@code summary.json}: {@code {throughput, p95_ms, hit_ratio, baseline: {runs,
     * throughput, p95_ms, hit_ratio, noise: {...}, threshold: {...}, rule: {...}} | null, regression, message}}.
     */
    public Map<String, Object> toMetrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput", round(run.throughput()));
        m.put("capacity", round(run.capacity()));
        m.put("p50_ms", round(run.p50Ms()));
        m.put("p95_ms", round(run.p95Ms()));
        m.put("p99_ms", round(run.p99Ms()));
        m.put("error_ratio", round(run.errorRatio()));
        m.put("hit_ratio", round(run.hitRatio()));
        if (baseline == null) {
            m.put("baseline", null);
        } else {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("runs", baseline.runs());
            b.put("throughput", round(baseline.throughput()));
            b.put("p95_ms", round(baseline.p95Ms()));
            b.put("hit_ratio", round(baseline.hitRatio()));
            b.put("capacity", round(baseline.capacity()));
            Map<String, Object> noise = new LinkedHashMap<>();
            noise.put("throughput", round(baseline.throughputNoise()));
            noise.put("p95_ms", round(baseline.p95MsNoise()));
            noise.put("hit_ratio", round(baseline.hitRatioNoise()));
            noise.put("capacity", round(baseline.capacityNoise()));
            b.put("noise", noise);
            Map<String, Object> threshold = new LinkedHashMap<>();
            threshold.put("throughput_min", round(baseline.throughputMin()));
            threshold.put("p95_ms_max", round(baseline.p95MsMax()));
            threshold.put("hit_ratio_min", round(baseline.hitRatioMin()));
            threshold.put("capacity_min", round(baseline.capacityMin()));
            b.put("threshold", threshold);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("window", rule.window());
            r.put("k", rule.k());
            r.put("throughput_floor_ratio", rule.throughputFloorRatio());
            r.put("p95_floor_ratio", rule.p95FloorRatio());
            r.put("hit_ratio_floor", rule.hitRatioFloor());
            b.put("rule", r);
            m.put("baseline", b);
        }
        m.put("regression", regression());
        m.put("message", message());
        return m;
    }

    /**
     * The check {@code bench.regression}: passed when the run is within the baseline's thresholds, failed with the
     * numbers when it regressed, skipped (saying why) when there is no baseline yet.
     */
    public CheckResult toCheck() {
        String id = "bench.regression";
        if (baseline == null) {
            return CheckResult.skipped(id, message());
        }
        return CheckResult.of(!regression(), id, round(run.throughput()), ">= " + round(baseline.throughputMin()),
                "req/s", message());
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000.0) / 1000.0;
    }

    @Override
    public String toString() {
        return message();
    }
}
