package io.restorecheck.tune;

import io.restorecheck.stats.Percentiles;
import java.util.Arrays;

/**
 * Distribution-free intervals for medians (the median itself: {@link Percentiles#median(double...)}). The interval of the median is the order-statistic
 * interval [x(j), x(n+1-j)] with the largest j whose binomial coverage 1 - 2·P(Bin(n, ½) ≤ j-1) is still at
 * least 95%: exact, no assumption about the distribution, no resampling. Below 6 samples no pair of order
 * statistics reaches 95%; then the interval is [min, max] and its true coverage (1 - 2·½ⁿ, 75% for 3) is
 * reported instead of pretending.
 */
public final class Stats {
    public static final double CONFIDENCE = 0.95;

    private Stats() {
    }

    /** The median with its order-statistic interval (see the class comment). */
    public static Interval medianInterval(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = Percentiles.median(s);
        if (n == 1) {
            return new Interval(median, s[0], s[0], 0);
        }
        int best = 1;
        for (int j = 1; j <= n / 2; j++) {
            if (coverage(n, j) >= CONFIDENCE) {
                best = j;
            } else {
                break;
            }
        }
        return new Interval(median, s[best - 1], s[n - best], coverage(n, best));
    }

    /** P(x(j) ≤ median ≤ x(n+1-j)) = 1 - 2·P(Bin(n, ½) ≤ j-1), for continuous distributions. */
    static double coverage(int n, int j) {
        double tail = 0;
        for (int k = 0; k <= j - 1; k++) {
            tail += binomialHalf(n, k);
        }
        return Math.max(0, 1 - 2 * tail);
    }

    /** C(n, k) / 2^n, computed in logs so large n does not overflow. */
    static double binomialHalf(int n, int k) {
        double log = 0;
        for (int i = 1; i <= k; i++) {
            log += Math.log(n - k + i) - Math.log(i);
        }
        return Math.exp(log - n * Math.log(2));
    }
}
