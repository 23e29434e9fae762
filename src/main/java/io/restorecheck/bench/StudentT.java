package io.restorecheck.bench;

/**
 * One-sided 99% quantiles of Student's t distribution. A threshold of median + t * noise * sqrt(1 + 1/n) is the
 * upper prediction bound for one new run from n runs whose spread is itself estimated from those n runs: the fewer
 * the runs, the less is known of their noise and the wider the bound (t = 3.75 for 5 runs, 2.46 for 30, 2.33 for
 * many), so each figure's false-alarm rate stays about 1% per run whatever the history's length.
 */
final class StudentT {
    /** t(0.99, df) for df = 1..30 (standard tables). */
    private static final double[] Q99 = {31.821, 6.965, 4.541, 3.747, 3.365, 3.143, 2.998, 2.896, 2.821, 2.764,
            2.718, 2.681, 2.650, 2.624, 2.602, 2.583, 2.567, 2.552, 2.539, 2.528, 2.518, 2.508, 2.500, 2.492, 2.485,
            2.479, 2.473, 2.467, 2.462, 2.457};
    private static final double Z99 = 2.326;

    private StudentT() {
    }

    static double quantile99(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + degreesOfFreedom);
        }
        return degreesOfFreedom <= Q99.length ? Q99[degreesOfFreedom - 1] : Z99;
    }

    /** The multiplier of the noise for a prediction bound from {@code runs} runs: t(0.99, n-1) * sqrt(1 + 1/n). */
    static double predictionFactor(int runs) {
        return quantile99(runs - 1) * Math.sqrt(1 + 1.0 / runs);
    }
}
