package io.restorecheck.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a benchmark run against the runs before it, in three ways (see docs/bench.md for the why of each number):
 * <ol>
 *   <li><b>Hard faults</b>, from 2 previous runs on: capacity or throughput below half the baseline median, p95 above
 *   three times it, the hit ratio below half of it or not measured at all (the cache unused), capacity no longer
 *   measured. Healthy noise does not halve a figure, so these fail at once.</li>
 *   <li><b>The last runs' noise</b>, from {@link Rule#minNoiseRuns()} previous runs on: baseline = median of the last
 *   {@link Rule#window()} runs, noise = their scaled MAD, threshold = median -/+ max(t * noise * sqrt(1 + 1/n),
 *   floor) with t the one-sided 99% Student-t quantile for n runs. One run outside is reported; the check fails
 *   when the run before was outside too (one slow night on a shared machine is not a regression).</li>
 *   <li><b>Change points</b> over the whole history ({@link EDivisive}, permutation test at p &lt;= 0.001): fails when
 *   the newest shift of a figure is for the worse, began within the last {@link Rule#recentRuns()} runs and, with
 *   the shifts for the worse just before it (a slow drift found as several steps), moved the figure by more than
 *   its floor.</li>
 * </ol>
 * With fewer than two previous runs there is no baseline and the run is not judged.
 */
public final class RegressionJudge {
    private final Rule rule;
    private final EDivisive detector;

    /**
     * The judging rule. Defaults: the last 5 runs make the baseline and 5 are needed before its noise is used; floors
     * 10% of the median throughput and capacity, 25% of the median p95, 0.02 of hit ratio; hard faults at a factor 2
     * (3 for p95); change points count as recent within the last 7 runs (a week of nights).
     */
    public record Rule(int window, int minNoiseRuns, double throughputFloorRatio, double p95FloorRatio,
                       double hitRatioFloor, double collapseFactor, double p95CollapseFactor, int recentRuns) {
        public static final Rule DEFAULT = new Rule(5, 5, 0.10, 0.25, 0.02, 2.0, 3.0, 7);

        public Rule {
            if (window < 2) {
                throw new IllegalArgumentException("the baseline window must hold at least 2 runs, got " + window);
            }
            if (minNoiseRuns < 2 || minNoiseRuns > window) {
                throw new IllegalArgumentException("minNoiseRuns must be 2.." + window + ", got " + minNoiseRuns);
            }
            if (throughputFloorRatio < 0 || p95FloorRatio < 0 || hitRatioFloor < 0 || collapseFactor <= 1
                    || p95CollapseFactor <= 1 || recentRuns < 1) {
                throw new IllegalArgumentException("floors not negative, collapse factors above 1, recentRuns >= 1: "
                        + this);
            }
        }
    }

    public RegressionJudge() {
        this(Rule.DEFAULT);
    }

    public RegressionJudge(Rule rule) {
        this(rule, EDivisive.DEFAULT);
    }

    RegressionJudge(Rule rule, EDivisive detector) {
        this.rule = rule;
        this.detector = detector;
    }

    public Rule rule() {
        return rule;
    }

    /**
     * Judges {@code run} against {@code previous} (oldest first, not containing {@code run} itself): the last
     * {@link Rule#window()} runs for the baseline, the whole history for change points.
     */
    public Verdict judge(List<BenchRecord> previous, BenchRecord run) {
        List<BenchRecord> window = window(previous);
        if (window.size() < 2) {
            return Verdict.noBaseline(run, window.size(), rule);
        }
        Baseline base = Baseline.of(window, rule);
        List<Finding> hard = HardFaults.of(run, base, rule);
        List<Finding> findings = new ArrayList<>(hard);
        List<String> notes = new ArrayList<>();
        if (base.noiseKnown()) {
            Baseline before = previous.size() - 1 >= rule.minNoiseRuns()
                    ? Baseline.of(window(previous.subList(0, previous.size() - 1)), rule) : null;
            BenchRecord last = previous.get(previous.size() - 1);
            for (Figure f : Figure.values()) {
                if (findings.stream().anyMatch(x -> x.figure() == f)) {
                    continue;
                }
                Double v = f.of(run);
                if (v == null || !outside(f, v, base)) {
                    continue;
                }
                String sentence = outsideSentence(f, v, base);
                Double lastValue = f.of(last);
                if (before != null && lastValue != null && outside(f, lastValue, before)) {
                    findings.add(new Finding(f, Finding.Kind.LAST_RUNS, v, bound(f, base.threshold(f)),
                            sentence + " for the second run in a row (the run before: " + f.show(lastValue) + ")"));
                } else {
                    notes.add(sentence + ": the first run outside, a regression if the next run is outside too");
                }
            }
        }
        List<BenchRecord> all = new ArrayList<>(previous);
        all.add(run);
        List<ChangePoint> changes = ChangePoints.of(all, detector);
        for (Figure f : Figure.values()) {
            if (hard.stream().noneMatch(x -> x.figure() == f)) {
                shift(f, changes, all.size()).ifPresent(findings::add);
            }
        }
        return new Verdict(run, base, rule, findings, notes, changes);
    }

    private List<BenchRecord> window(List<BenchRecord> previous) {
        return previous.subList(Math.max(0, previous.size() - rule.window()), previous.size());
    }

    private static boolean outside(Figure f, double v, Baseline base) {
        Double threshold = base.threshold(f);
        return threshold != null && (f.higherIsBetter() ? v < threshold : v > threshold);
    }

    private static String outsideSentence(Figure f, double v, Baseline base) {
        return Verdict.format("%s %s is %s the baseline %s (median of %d runs, noise ±%s, threshold %s)",
                f.label(), f.show(v), f.higherIsBetter() ? "below" : "above", f.show(base.median(f)), base.runs(),
                f.show(base.noise(f)), f.number(base.threshold(f)));
    }

    static String bound(Figure f, double threshold) {
        return (f.higherIsBetter() ? ">= " : "<= ") + f.number(threshold);
    }

    /**
     * The newest change point of {@code f} as a finding, when it is for the worse, recent, and (with the shifts for
     * the worse right before it) larger than the figure's floor.
     */
    private java.util.Optional<Finding> shift(Figure f, List<ChangePoint> changes, int historySize) {
        List<ChangePoint> mine = changes.stream().filter(c -> c.figure() == f).toList();
        if (mine.isEmpty()) {
            return java.util.Optional.empty();
        }
        ChangePoint newest = mine.get(mine.size() - 1);
        if (!newest.worse() || newest.runIndex() <= historySize - rule.recentRuns()) {
            return java.util.Optional.empty();
        }
        ChangePoint first = newest;
        for (int i = mine.size() - 2; i >= 0 && mine.get(i).worse(); i--) {
            first = mine.get(i); // a slow drift shows as several steps the same way: judge them together
        }
        double floor = f.floor(first.before(), rule);
        double size = newest.after() - first.before();
        if (Math.abs(size) <= floor) {
            return java.util.Optional.empty();
        }
        double bound = f.higherIsBetter() ? first.before() - floor : first.before() + floor;
        int steps = mine.indexOf(newest) - mine.indexOf(first) + 1;
        ChangePoint began = new ChangePoint(f, first.runIndex(), first.label(), first.commit(), first.run(),
                first.time(), first.before(), newest.after(), newest.pValue());
        String sentence = Verdict.format("%s shifted %s (change point, p = %.3f%s; floor %s)",
                f.label(), began.describe().substring(f.label().length() + 1), newest.pValue(),
                steps == 1 ? "" : ", " + steps + " steps the same way", f.show(floor));
        return java.util.Optional.of(new Finding(f, Finding.Kind.SHIFT, newest.after(), bound(f, bound), sentence));
    }
}
