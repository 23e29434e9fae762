package io.restorecheck.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a benchmark run against the runs before it. The baseline is the median of each metric over the last
 * {@code window} runs; the noise is their scaled MAD (1.4826 * MAD). A run is a regression when
 * <ul>
 *   <li>throughput &lt; median - max(k * noise, throughputFloorRatio * median), or</li>
 *   <li>capacity (the knee of load.capacity) &lt; median - max(k * noise, throughputFloorRatio * median), or the run
 *   measured no capacity while the baseline has one, or</li>
 *   <li>p95 &gt; median + max(k * noise, p95FloorRatio * median), or</li>
 *   <li>hit ratio &lt; median - max(k * noise, hitRatioFloor), or the run measured no hit ratio while the baseline
 *   has one (the cache stopped being used).</li>
 * </ul>
 * The floors keep a perfectly stable history (noise 0) from turning every small wobble into an alarm. With fewer than
 * two previous runs there is no baseline and the run is not judged.
 */
public final class RegressionJudge {
    private final Rule rule;

    /**
     * The judging rule. Defaults: the last 5 runs, k = 3, floors 10% of the median throughput, 20% of the median p95
     * and 0.02 of hit ratio.
     */
    public record Rule(int window, double k, double throughputFloorRatio, double p95FloorRatio, double hitRatioFloor) {
        public static final Rule DEFAULT = new Rule(5, 3.0, 0.10, 0.20, 0.02);

        public Rule {
            if (window < 2) {
                throw new IllegalArgumentException("the baseline window must hold at least 2 runs, got " + window);
            }
            if (k <= 0 || throughputFloorRatio < 0 || p95FloorRatio < 0 || hitRatioFloor < 0) {
                throw new IllegalArgumentException("k must be positive and the floors not negative: " + this);
            }
        }
    }

    public RegressionJudge() {
        this(Rule.DEFAULT);
    }

    public RegressionJudge(Rule rule) {
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    /**
     * Judges {@code run} against the last {@link Rule#window()} records of {@code previous} (oldest first, not
     * containing {@code run} itself).
     */
    public Verdict judge(List<BenchRecord> previous, BenchRecord run) {
        List<BenchRecord> window = previous.subList(Math.max(0, previous.size() - rule.window()), previous.size());
        if (window.size() < 2) {
            return Verdict.noBaseline(run, window.size(), rule);
        }
        Baseline base = Baseline.of(window, rule);
        List<String> regressions = new ArrayList<>();
        String of = "median of " + base.runs() + " runs";
        if (run.throughput() < base.throughputMin()) {
            regressions.add(Verdict.format("throughput %.1f req/s is below the baseline %.1f req/s (%s, noise ±%.1f "
                    + "req/s, threshold %.1f)", run.throughput(), base.throughput(), of, base.throughputNoise(),
                    base.throughputMin()));
        }
        if (base.capacity() != null) {
            if (run.capacity() == null) {
                regressions.add(Verdict.format("capacity not measured in this run while the baseline is %.1f req/s"
                        + " (median of the runs that measured it)", base.capacity()));
            } else if (run.capacity() < base.capacityMin()) {
                regressions.add(Verdict.format("capacity %.1f req/s is below the baseline %.1f req/s (%s, noise"
                        + " ±%.1f req/s, threshold %.1f)", run.capacity(), base.capacity(), of, base.capacityNoise(),
                        base.capacityMin()));
            }
        }
        if (run.p95Ms() > base.p95MsMax()) {
            regressions.add(Verdict.format("p95 %.1f ms is above the baseline %.1f ms (%s, noise ±%.1f ms, "
                    + "threshold %.1f)", run.p95Ms(), base.p95Ms(), of, base.p95MsNoise(), base.p95MsMax()));
        }
        if (base.hitRatio() != null) {
            if (run.hitRatio() == null) {
                regressions.add(Verdict.format("hit ratio not measured in this run (no cache traffic?) while the "
                        + "baseline is %.3f (median of the runs that measured it)", base.hitRatio()));
            } else if (run.hitRatio() < base.hitRatioMin()) {
                regressions.add(Verdict.format("hit ratio %.3f is below the baseline %.3f (%s, noise ±%.3f, "
                        + "threshold %.3f)", run.hitRatio(), base.hitRatio(), of, base.hitRatioNoise(),
                        base.hitRatioMin()));
            }
        }
        return new Verdict(run, base, rule, regressions);
    }
}
