package io.restorecheck.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Faults no healthy noise produces, judged at once from a baseline of 2 runs: a figure halved (p95 tripled), or the
 * cache or the capacity search no longer measured at all. The classic restore failure, the site pointing at a
 * memcached port where nothing listens, is one: the hit ratio vanishes and the capacity knee falls by 3-10x.
 */
final class HardFaults {
    private HardFaults() {
    }

    static List<Finding> of(BenchRecord run, Baseline base, RegressionJudge.Rule rule) {
        List<Finding> out = new ArrayList<>();
        String of = "median of " + base.runs() + " runs";
        if (base.capacity() != null) {
            double bound = base.capacity() / rule.collapseFactor();
            if (run.capacity() == null) {
                out.add(new Finding(Figure.CAPACITY, Finding.Kind.HARD_FAULT, null, ">= " + round(bound),
                        Verdict.format("capacity not measured in this run while the baseline is %.1f req/s"
                                + " (median of the runs that measured it)", base.capacity())));
            } else if (run.capacity() < bound) {
                out.add(new Finding(Figure.CAPACITY, Finding.Kind.HARD_FAULT, run.capacity(), ">= " + round(bound),
                        Verdict.format("capacity %.1f req/s is below the baseline %.1f req/s (%s; less than 1/%s of"
                                + " it is a hard fault, judged at once)", run.capacity(), base.capacity(), of,
                                factor(rule.collapseFactor()))));
            }
        }
        if (base.hitRatio() != null) {
            double bound = base.hitRatio() / rule.collapseFactor();
            if (run.hitRatio() == null) {
                out.add(new Finding(Figure.HIT_RATIO, Finding.Kind.HARD_FAULT, null, ">= " + round(bound),
                        Verdict.format("hit ratio not measured in this run (no cache traffic?) while the baseline is"
                                + " %.3f (median of the runs that measured it): the cache is unused", base.hitRatio())));
            } else if (run.hitRatio() < bound) {
                out.add(new Finding(Figure.HIT_RATIO, Finding.Kind.HARD_FAULT, run.hitRatio(), ">= " + round(bound),
                        Verdict.format("hit ratio %.3f is below the baseline %.3f (%s; less than 1/%s of it is a"
                                + " hard fault: the cache is barely used)", run.hitRatio(), base.hitRatio(), of,
                                factor(rule.collapseFactor()))));
            }
        }
        double throughputBound = base.throughput() / rule.collapseFactor();
        if (run.throughput() < throughputBound) {
            out.add(new Finding(Figure.THROUGHPUT, Finding.Kind.HARD_FAULT, run.throughput(),
                    ">= " + round(throughputBound), Verdict.format("throughput %.1f req/s is below the baseline %.1f"
                    + " req/s (%s; less than 1/%s of it is a hard fault, judged at once)", run.throughput(),
                    base.throughput(), of, factor(rule.collapseFactor()))));
        }
        double p95Bound = base.p95Ms() * rule.p95CollapseFactor();
        if (run.p95Ms() > p95Bound) {
            out.add(new Finding(Figure.P95, Finding.Kind.HARD_FAULT, run.p95Ms(), "<= " + round(p95Bound),
                    Verdict.format("p95 %.1f ms is above the baseline %.1f ms (%s; more than %s times it is a hard"
                    + " fault, judged at once)", run.p95Ms(), base.p95Ms(), of, factor(rule.p95CollapseFactor()))));
        }
        if (!out.isEmpty()) {
            alongside(run, base, rule, out);
            out.sort(java.util.Comparator.comparingInt(f -> ORDER.indexOf(f.figure())));
        }
        return out;
    }

    /** Capacity first: it is the figure that says what the operator lost; the cache says why. */
    private static final List<Figure> ORDER = List.of(Figure.CAPACITY, Figure.HIT_RATIO, Figure.THROUGHPUT,
            Figure.P95);

    /**
     * Once a run fails on a hard fault, the other figures beyond their floor are part of the same story (an unused
     * cache also costs capacity, if not always half of it), so they are named too.
     */
    private static void alongside(BenchRecord run, Baseline base, RegressionJudge.Rule rule, List<Finding> out) {
        for (Figure f : ORDER) {
            Double median = base.median(f);
            Double v = f.of(run);
            if (median == null || v == null || out.stream().anyMatch(x -> x.figure() == f)) {
                continue;
            }
            double floor = f.floor(median, rule);
            double bound = f.higherIsBetter() ? median - floor : median + floor;
            if (f.higherIsBetter() ? v < bound : v > bound) {
                out.add(new Finding(f, Finding.Kind.WITH_HARD_FAULT, v, RegressionJudge.bound(f, bound),
                        Verdict.format("%s %s is %s the baseline %s (median of %d runs) by more than its floor %s,"
                                + " alongside the hard fault", f.label(), f.show(v), f.higherIsBetter() ? "below"
                                : "above", f.show(median), base.runs(), f.show(floor))));
            }
        }
    }

    private static String factor(double f) {
        return f == Math.rint(f) ? Long.toString((long) f) : Double.toString(f);
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
