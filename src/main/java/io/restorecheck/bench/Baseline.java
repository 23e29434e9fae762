package io.restorecheck.bench;

import io.restorecheck.stats.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a run is judged against: the median of each metric over the last runs of the history, their noise (scaled
 * MAD) and the resulting thresholds (median minus/plus {@code max(k * noise, floor)}). The hit-ratio fields are null
 * when fewer than two of those runs measured a hit ratio (no cache); the capacity fields likewise when fewer than two
 * measured a capacity knee.
 */
public record Baseline(int runs, double throughput, double p95Ms, Double hitRatio,
                       double throughputNoise, double p95MsNoise, Double hitRatioNoise,
                       double throughputMin, double p95MsMax, Double hitRatioMin,
                       Double capacity, Double capacityNoise, Double capacityMin) {

    /** The baseline of {@code runs} (at least two) under {@code rule}. */
    static Baseline of(List<BenchRecord> runs, RegressionJudge.Rule rule) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a baseline needs at least 2 runs, got " + runs.size());
        }
        List<Double> throughputs = runs.stream().map(BenchRecord::throughput).toList();
        List<Double> p95s = runs.stream().map(BenchRecord::p95Ms).toList();
        List<Double> hits = new ArrayList<>(runs.stream().map(BenchRecord::hitRatio).filter(Objects::nonNull).toList());

        double throughput = Percentiles.median(throughputs);
        double throughputNoise = Stats.scaledMad(throughputs);
        double p95 = Percentiles.median(p95s);
        double p95Noise = Stats.scaledMad(p95s);
        double throughputMin = throughput - Math.max(rule.k() * throughputNoise, rule.throughputFloorRatio() * throughput);
        double p95Max = p95 + Math.max(rule.k() * p95Noise, rule.p95FloorRatio() * p95);
        Double hit = null;
        Double hitNoise = null;
        Double hitMin = null;
        if (hits.size() >= 2) {
            hit = Percentiles.median(hits);
            hitNoise = Stats.scaledMad(hits);
            hitMin = hit - Math.max(rule.k() * hitNoise, rule.hitRatioFloor());
        }
        List<Double> capacities = runs.stream().map(BenchRecord::capacity).filter(Objects::nonNull).toList();
        Double capacity = null;
        Double capacityNoise = null;
        Double capacityMin = null;
        if (capacities.size() >= 2) {
            capacity = Percentiles.median(capacities);
            capacityNoise = Stats.scaledMad(capacities);
            // The same rule as throughput: a capacity knee is a throughput, found by search instead of offered.
            capacityMin = capacity - Math.max(rule.k() * capacityNoise, rule.throughputFloorRatio() * capacity);
        }
        return new Baseline(runs.size(), throughput, p95, hit, throughputNoise, p95Noise, hitNoise, throughputMin,
                p95Max, hitMin, capacity, capacityNoise, capacityMin);
    }
}
