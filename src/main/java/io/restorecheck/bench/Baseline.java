package io.restorecheck.bench;

import java.util.List;
import java.util.Objects;

/**
 * What a run is judged against: the median of each figure over the last runs of the history, their noise (scaled
 * MAD) and the resulting thresholds (median minus/plus {@code max(factor * noise, floor)}, where {@code factor} is
 * the prediction-bound multiplier for that many runs, see {@link StudentT}). {@code noiseKnown} is false when fewer
 * than {@link RegressionJudge.Rule#minNoiseRuns()} runs make the baseline: the thresholds are then not used, only
 * the hard faults are judged. The hit-ratio fields are null when fewer than two of those runs measured a hit ratio
 * (no cache); the capacity fields likewise when fewer than two measured a capacity knee.
 */
public record Baseline(int runs, double throughput, double p95Ms, Double hitRatio,
                       double throughputNoise, double p95MsNoise, Double hitRatioNoise,
                       double throughputMin, double p95MsMax, Double hitRatioMin,
                       Double capacity, Double capacityNoise, Double capacityMin,
                       boolean noiseKnown, double factor) {

    /** The baseline of {@code runs} (at least two) under {@code rule}. */
    static Baseline of(List<BenchRecord> runs, RegressionJudge.Rule rule) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a baseline needs at least 2 runs, got " + runs.size());
        }
        double factor = StudentT.predictionFactor(runs.size());
        Level throughput = Level.of(Figure.THROUGHPUT, runs, rule);
        Level p95 = Level.of(Figure.P95, runs, rule);
        Level hit = Level.of(Figure.HIT_RATIO, runs, rule);
        Level capacity = Level.of(Figure.CAPACITY, runs, rule);
        return new Baseline(runs.size(), throughput.median, p95.median, hit.boxedMedian(), throughput.noise,
                p95.noise, hit.boxedNoise(), throughput.threshold, p95.threshold, hit.boxedThreshold(),
                capacity.boxedMedian(), capacity.boxedNoise(), capacity.boxedThreshold(),
                runs.size() >= rule.minNoiseRuns(), factor);
    }

    /** The figure's median over the baseline's runs, null when fewer than two of them measured it. */
    public Double median(Figure figure) {
        return switch (figure) {
            case THROUGHPUT -> throughput;
            case P95 -> p95Ms;
            case HIT_RATIO -> hitRatio;
            case CAPACITY -> capacity;
        };
    }

    public Double noise(Figure figure) {
        return switch (figure) {
            case THROUGHPUT -> throughputNoise;
            case P95 -> p95MsNoise;
            case HIT_RATIO -> hitRatioNoise;
            case CAPACITY -> capacityNoise;
        };
    }

    /** The bound a run must stay on the good side of (a minimum, or a maximum for p95). */
    public Double threshold(Figure figure) {
        return switch (figure) {
            case THROUGHPUT -> throughputMin;
            case P95 -> p95MsMax;
            case HIT_RATIO -> hitRatioMin;
            case CAPACITY -> capacityMin;
        };
    }

    private record Level(double median, double noise, double threshold, boolean measured) {
        static Level of(Figure figure, List<BenchRecord> runs, RegressionJudge.Rule rule) {
            List<Double> values = runs.stream().map(figure::of).filter(Objects::nonNull).toList();
            if (values.size() < 2) {
                return new Level(Double.NaN, Double.NaN, Double.NaN, false);
            }
            double median = Stats.median(values);
            double noise = Stats.scaledMad(values);
            // The multiplier of the runs that measured this figure: fewer runs, less known of its noise.
            double margin = Math.max(StudentT.predictionFactor(values.size()) * noise, figure.floor(median, rule));
            return new Level(median, noise, figure.higherIsBetter() ? median - margin : median + margin, true);
        }

        Double boxedMedian() {
            return measured ? median : null;
        }

        Double boxedNoise() {
            return measured ? noise : null;
        }

        Double boxedThreshold() {
            return measured ? threshold : null;
        }
    }
}
