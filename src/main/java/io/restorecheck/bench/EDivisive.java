package io.restorecheck.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Change points in a series by E-divisive (Matteson and James, "A Nonparametric Approach for Multiple Change Point
 * Analysis of Multivariate Data", JASA 2014), as MongoDB's performance CI and Apache Otava (formerly Hunter) use it:
 * the split that maximises the energy distance between the runs before and after it, kept only when a permutation
 * test finds it significant, then the same again inside each part. The energy distance compares whole distributions
 * with |x - y| (alpha = 1), so one wild run moves it little, unlike a mean.
 *
 * <p>Significance: the best split of the series is compared with the best split of {@code permutations} shuffles of
 * the same values; p = (1 + shuffles at least as good) / (1 + permutations). Under pure noise every order is equally
 * likely, so a split is kept with probability at most {@code alpha} per tested segment: that is the false-alarm rate.
 * The shuffles come from a fixed seed, so the same history always gives the same change points.
 */
final class EDivisive {
    /** The defaults: 999 shuffles, p at most 0.001 (Otava's default), at least 3 runs on each side of a change point. */
    static final EDivisive DEFAULT = new EDivisive(999, 0.001, 3, 0x5EED_18BL);

    private final int permutations;
    private final double alpha;
    private final int minSegment;
    private final long seed;

    /** A change point: the index of the first value of the new level, and the permutation test's p-value. */
    record Split(int index, double pValue) {
    }

    EDivisive(int permutations, double alpha, int minSegment, long seed) {
        if (permutations < 1 || alpha <= 0 || alpha >= 1 || minSegment < 2) {
            throw new IllegalArgumentException("permutations >= 1, 0 < alpha < 1, minSegment >= 2");
        }
        this.permutations = permutations;
        this.alpha = alpha;
        this.minSegment = minSegment;
        this.seed = seed;
    }

    double alpha() {
        return alpha;
    }

    int permutations() {
        return permutations;
    }

    int minSegment() {
        return minSegment;
    }

    /** The significant change points of {@code series}, in index order. */
    List<Split> changePoints(double[] series) {
        List<Split> found = new ArrayList<>();
        divide(series, 0, series.length, found);
        found.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return found;
    }

    private void divide(double[] series, int from, int to, List<Split> found) {
        int n = to - from;
        if (n < 2 * minSegment) {
            return;
        }
        double[] segment = java.util.Arrays.copyOfRange(series, from, to);
        Best best = best(segment);
        if (best.index < 0 || best.q <= 0) {
            return;
        }
        // The seed depends on the segment's place only, so each segment's test is reproducible on its own.
        SplittableRandom random = new SplittableRandom(seed ^ (31L * from + to));
        double[] shuffled = segment.clone();
        int atLeast = 0;
        // Once more shuffles than this are at least as good, p exceeds alpha whatever the rest give: stop early.
        int allowed = (int) Math.floor(alpha * (1.0 + permutations) - 1 + 1e-9);
        for (int p = 0; p < permutations && atLeast <= allowed; p++) {
            shuffle(shuffled, random);
            if (best(shuffled).q >= best.q) {
                atLeast++;
            }
        }
        double pValue = (1.0 + atLeast) / (1.0 + permutations);
        if (pValue > alpha) {
            return;
        }
        found.add(new Split(from + best.index, pValue));
        divide(series, from, from + best.index, found);
        divide(series, from + best.index, to, found);
    }

    private record Best(int index, double q) {
    }

    /**
     * The split index (first index of the right part) maximising Q = m(n-m)/n * (2 * mean|x-y| between parts -
     * mean|x-x'| within the left - mean|y-y'| within the right), in O(n^2) with running within-part sums.
     */
    private Best best(double[] x) {
        int n = x.length;
        double total = 0;
        double[] before = new double[n]; // sum over i < t of |x_i - x_t|
        double[] after = new double[n]; // sum over k > t of |x_t - x_k|
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                double d = Math.abs(x[i] - x[k]);
                before[k] += d;
                after[i] += d;
                total += d;
            }
        }
        double left = 0;
        double right = total;
        int bestIndex = -1;
        double bestQ = Double.NEGATIVE_INFINITY;
        for (int t = 1; t < n; t++) {
            // Moving x[t-1] from the right part to the left one.
            left += before[t - 1];
            right -= after[t - 1];
            if (t < minSegment || n - t < minSegment) {
                continue;
            }
            int m = t;
            int r = n - t;
            double cross = total - left - right;
            double e = 2.0 * cross / ((double) m * r) - left / (m * (m - 1) / 2.0) - right / (r * (r - 1) / 2.0);
            double q = (double) m * r / n * e;
            if (q > bestQ) {
                bestQ = q;
                bestIndex = t;
            }
        }
        return new Best(bestIndex, bestQ);
    }

    private static void shuffle(double[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
