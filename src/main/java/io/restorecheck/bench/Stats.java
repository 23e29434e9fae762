package io.restorecheck.bench;

import java.util.List;

/** Robust statistics of a handful of runs: the median and the scaled median absolute deviation. */
final class Stats {
    /** Makes the MAD a consistent estimator of the standard deviation for normally distributed noise. */
    static final double MAD_SCALE = 1.4826;

    private Stats() {
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** 1.4826 * median(|x - median(x)|): a spread that one wild run cannot inflate. */
    static double scaledMad(List<Double> values) {
        double median = median(values);
        return MAD_SCALE * median(values.stream().map(v -> Math.abs(v - median)).toList());
    }
}
