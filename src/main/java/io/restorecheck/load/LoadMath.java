package io.restorecheck.load;

import java.util.Arrays;

/** Small numeric helpers shared by the load measurements. */
final class LoadMath {
    private LoadMath() {
    }

    /** Nearest-rank percentile of the values (sorted in place); 0 for none. */
    static long percentile(long[] values, double percent) {
        if (values.length == 0) {
            return 0;
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(percent / 100.0 * values.length);
        return values[Math.min(values.length, Math.max(1, rank)) - 1];
    }

    static double round(double value, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}
