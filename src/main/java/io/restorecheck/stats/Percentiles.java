package io.restorecheck.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Medians and percentiles. The median of an even count is the mean of the two middle values; a percentile is the
 * nearest-rank one (the smallest value with at least p% of the values at or below it), as Gatling and HdrHistogram
 * report them, so a p95 computed here can be set beside Gatling's.
 */
public final class Percentiles {
    private Percentiles() {
    }

    /** The median; the values are not changed. */
    public static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    public static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Nearest-rank percentile (0 < percent <= 100) of the values, which it sorts in place; 0 for none. */
    public static long percentile(long[] values, double percent) {
        if (values.length == 0) {
            return 0;
        }
        Arrays.sort(values);
        return values[rank(values.length, percent) - 1];
    }

    /** Nearest-rank percentile of the values, which it sorts in place. */
    public static double percentile(double[] values, double percent) {
        if (values.length == 0) {
            throw new IllegalArgumentException("percentile of no values");
        }
        Arrays.sort(values);
        return values[rank(values.length, percent) - 1];
    }

    /** 1-based rank of the nearest-rank percentile among n values. */
    private static int rank(int n, double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percent);
        }
        return Math.min(n, Math.max(1, (int) Math.ceil(percent / 100.0 * n)));
    }
}
