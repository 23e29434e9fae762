package io.restorecheck.load;

/** Rounding for the load measurements' JSON (percentiles: {@link io.restorecheck.stats.Percentiles}). */
final class LoadMath {
    private LoadMath() {
    }

    static double round(double value, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}
