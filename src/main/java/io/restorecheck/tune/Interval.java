package io.restorecheck.tune;

/**
 * An interval for a median: {@code low..high}, and the confidence it actually has ({@code coverage}, 0..1),
 * which is below the 95% asked for when there are too few samples (see {@link Stats#medianInterval}).
 */
public record Interval(double median, double low, double high, double coverage) {
    public boolean overlaps(Interval other) {
        return low <= other.high && other.low <= high;
    }
}
