package io.restorecheck.bench;

import io.restorecheck.stats.Percentiles;
import java.util.List;

/** The noise of a handful of runs: the scaled median absolute deviation (medians: {@link Percentiles}). */
final class Stats {
    /** Makes the MAD a consistent estimator of the standard deviation for normally distributed noise. */
    static final double MAD_SCALE = 1.4826;

    private Stats() {
    }

    /** 1.4826 * median(|x - median(x)|): a spread that one wild run cannot inflate. */
    static double scaledMad(List<Double> values) {
        double median = Percentiles.median(values);
        return MAD_SCALE * Percentiles.median(values.stream().map(v -> Math.abs(v - median)).toList());
    }
}
