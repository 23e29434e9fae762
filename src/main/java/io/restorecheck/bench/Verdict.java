package io.restorecheck.bench;

import io.restorecheck.report.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The judgement of one benchmark run: the run's numbers, the baseline (absent when the history is too short), the
 * findings (each a sentence with the numbers, about one figure), notes on single runs outside the noise that are
 * not regressions yet, the change points of the whole history, and a one-line message for the report.
 */
public final class Verdict {
    private final BenchRecord run;
    private final Baseline baseline;
    private final RegressionJudge.Rule rule;
    private final List<Finding> findings;
    private final List<String> notes;
    private final List<ChangePoint> changePoints;
    private final int previousRuns;

    Verdict(BenchRecord run, Baseline baseline, RegressionJudge.Rule rule, List<Finding> findings, List<String> notes,
            List<ChangePoint> changePoints) {
        this(run, baseline, rule, findings, notes, changePoints, baseline.runs());
    }

    private Verdict(BenchRecord run, Baseline baseline, RegressionJudge.Rule rule, List<Finding> findings,
                    List<String> notes, List<ChangePoint> changePoints, int previousRuns) {
        this.run = run;
        this.baseline = baseline;
        this.rule = rule;
        this.findings = List.copyOf(findings);
        this.notes = List.copyOf(notes);
        this.changePoints = List.copyOf(changePoints);
        this.previousRuns = previousRuns;
    }

    static Verdict noBaseline(BenchRecord run, int previousRuns, RegressionJudge.Rule rule) {
        return new Verdict(run, null, rule, List.of(), List.of(), List.of(), previousRuns);
    }

    public BenchRecord run() {
        return run;
    }

    /** Empty when fewer than two previous runs exist. */
    public Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    public boolean regression() {
        return !findings.isEmpty();
    }

    /** Why the run regressed, hard faults first; empty when it did not. */
    public List<Finding> findings() {
        return findings;
    }

    /** One sentence per finding, with the run's value, the baseline, the noise and the threshold. */
    public List<String> regressions() {
        return findings.stream().map(Finding::sentence).toList();
    }

    /** Every change point of the history including this run, figure by figure. */
    public List<ChangePoint> changePoints() {
        return changePoints;
    }

    /** The verdict in one line, numbers included. */
    public String message() {
        if (baseline == null) {
            return format("no baseline yet: %d previous run%s in the history, at least 2 are needed; this run is not "
                    + "judged", previousRuns, previousRuns == 1 ? "" : "s");
        }
        List<String> tail = new ArrayList<>(notes);
        List<String> newest = newestChanges();
        if (!newest.isEmpty()) {
            tail.add("change points: " + String.join(", ", newest));
        }
        String rest = tail.isEmpty() ? "" : "; " + String.join("; ", tail);
        if (regression()) {
            return "regression: " + String.join("; ", regressions()) + rest;
        }
        if (!baseline.noiseKnown()) {
            return format("no hard fault against the median of %d runs (capacity or throughput halved, p95 tripled, "
                    + "cache unused); the noise-based thresholds need %d previous runs to know the noise, this "
                    + "history has %d: not judged on them yet%s", baseline.runs(), rule.minNoiseRuns(), previousRuns,
                    rest);
        }
        String hit = baseline.hitRatio() == null || run.hitRatio() == null ? ""
                : format(", hit ratio %.3f (threshold >= %.3f)", run.hitRatio(), baseline.hitRatioMin());
        String capacity = baseline.capacity() == null || run.capacity() == null ? ""
                : format(", capacity %.1f req/s (threshold >= %.1f)", run.capacity(), baseline.capacityMin());
        return format("no regression against the median of %d runs: throughput %.1f req/s (threshold >= %.1f)%s, "
                + "p95 %.1f ms (threshold <= %.1f)%s%s", baseline.runs(), run.throughput(), baseline.throughputMin(),
                capacity, run.p95Ms(), baseline.p95MsMax(), hit, rest);
    }

    /** The newest change point of each figure, described. */
    private List<String> newestChanges() {
        Map<Figure, ChangePoint> newest = new LinkedHashMap<>();
        changePoints.forEach(c -> newest.put(c.figure(), c));
        return newest.values().stream().map(ChangePoint::describe).toList();
    }

    /**
     * {@code metrics.bench} of {@code summary.json}: {@code {throughput, p95_ms, hit_ratio, baseline: {runs,
     * throughput, p95_ms, hit_ratio, noise: {...}, threshold: {...}, rule: {...}} | null, regression, findings,
     * change_points, message}}.
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
            b.put("noise_known", baseline.noiseKnown());
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
            b.put("factor", round(baseline.factor()));
            Map<String, Object> threshold = new LinkedHashMap<>();
            threshold.put("throughput_min", round(baseline.throughputMin()));
            threshold.put("p95_ms_max", round(baseline.p95MsMax()));
            threshold.put("hit_ratio_min", round(baseline.hitRatioMin()));
            threshold.put("capacity_min", round(baseline.capacityMin()));
            b.put("threshold", threshold);
            b.put("rule", ruleMetrics());
            m.put("baseline", b);
        }
        m.put("regression", regression());
        List<Map<String, Object>> found = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("figure", f.figure().key());
            x.put("kind", f.kind().json());
            x.put("measured", round(f.measured()));
            x.put("expected", f.expected());
            x.put("unit", f.figure().checkUnit());
            x.put("message", f.sentence());
            found.add(x);
        }
        m.put("findings", found);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (ChangePoint c : changePoints) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("figure", c.figure().key());
            x.put("run_index", c.runIndex());
            x.put("label", c.label());
            x.put("commit", c.commit());
            x.put("run", c.run());
            x.put("time", c.time());
            x.put("before", round(c.before()));
            x.put("after", round(c.after()));
            x.put("size", round(c.size()));
            x.put("size_percent", round(c.sizePercent()));
            x.put("p_value", round(c.pValue()));
            x.put("worse", c.worse());
            changes.add(x);
        }
        m.put("change_points", changes);
        m.put("message", message());
        return m;
    }

    private Map<String, Object> ruleMetrics() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("window", rule.window());
        r.put("min_noise_runs", rule.minNoiseRuns());
        r.put("quantile", 0.99);
        r.put("throughput_floor_ratio", rule.throughputFloorRatio());
        r.put("p95_floor_ratio", rule.p95FloorRatio());
        r.put("hit_ratio_floor", rule.hitRatioFloor());
        r.put("collapse_factor", rule.collapseFactor());
        r.put("p95_collapse_factor", rule.p95CollapseFactor());
        r.put("recent_runs", rule.recentRuns());
        r.put("change_point_alpha", EDivisive.DEFAULT.alpha());
        r.put("permutations", EDivisive.DEFAULT.permutations());
        return r;
    }

    /**
     * The check {@code bench.regression}: failed with the figure that regressed as measured / expected / unit (the
     * first finding: hard faults first); passed with the throughput and its threshold; skipped (saying why) when
     * there is no baseline yet.
     */
    public CheckResult toCheck() {
        String id = "bench.regression";
        if (baseline == null) {
            return CheckResult.skipped(id, message());
        }
        if (regression()) {
            Finding first = findings.get(0);
            return CheckResult.of(false, id, round(first.measured()), first.expected(), first.figure().checkUnit(),
                    message());
        }
        double bound = baseline.noiseKnown() ? baseline.throughputMin()
                : baseline.throughput() / rule.collapseFactor();
        return CheckResult.of(true, id, round(run.throughput()), ">= " + round(bound), "req/s", message());
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
