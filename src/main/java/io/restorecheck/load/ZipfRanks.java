package io.restorecheck.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 1..n with probability proportional to 1/rank^skew (Zipf): rank 1 is the most popular page, as in
 * real traffic where a few pages take most views. Skew 0 is uniform.
 */
public final class ZipfRanks {
    private final double[] cumulative;

    public ZipfRanks(int n, double skew) {
        if (n < 1 || skew < 0) {
            throw new IllegalArgumentException("need n >= 1 and skew >= 0, got n=" + n + ", skew=" + skew);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1 / Math.pow(rank, skew);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    /** The probability of a rank (1-based). */
    public double probability(int rank) {
        return cumulative[rank - 1] - (rank == 1 ? 0 : cumulative[rank - 2]);
    }

    /** A rank drawn from the distribution (1-based). */
    public int draw(SplittableRandom random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return (i >= 0 ? i : -i - 1) + 1;
    }

    public int size() {
        return cumulative.length;
    }
}
