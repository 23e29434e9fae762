package io.restorecheck.bench;

/**
 * One reason a run regressed, with the figure it is about (so {@code bench.regression}'s measured, expected and unit
 * describe that figure): a hard fault judged at once, a run outside the last runs' noise for the second time in a row,
 * or a recent change point for the worse. {@code measured} is null when the run did not measure the figure at all.
 */
public record Finding(Figure figure, Kind kind, Double measured, String expected, String sentence) {
    /** How the regression was found. */
    public enum Kind {
        /** A collapse by a large factor, or a figure no longer measured (the cache unused): judged from 2 runs. */
        HARD_FAULT,
        /** Beyond the figure's floor in a run that already fails on a hard fault: part of the same story. */
        WITH_HARD_FAULT,
        /** Outside the noise-based threshold of the last runs, confirmed by the run before. */
        LAST_RUNS,
        /** A significant change point for the worse that began recently. */
        SHIFT;

        String json() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
