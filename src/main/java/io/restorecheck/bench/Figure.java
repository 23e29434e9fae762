package io.restorecheck.bench;

import java.util.function.Function;

/**
 * A figure of a bench run that is judged: its name in messages, its unit, which direction is bad, and the smallest
 * change worth an alarm (the floor: a share of the baseline, or an absolute amount for the hit ratio).
 */
public enum Figure {
    THROUGHPUT("throughput", "req/s", true, BenchRecord::throughput, "%.1f"),
    CAPACITY("capacity", "req/s", true, BenchRecord::capacity, "%.1f"),
    P95("p95", "ms", false, BenchRecord::p95Ms, "%.1f"),
    HIT_RATIO("hit ratio", "", true, BenchRecord::hitRatio, "%.3f");

    private final String label;
    private final String unit;
    private final boolean higherIsBetter;
    private final Function<BenchRecord, Double> value;
    private final String format;

    Figure(String label, String unit, boolean higherIsBetter, Function<BenchRecord, Double> value, String format) {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.value = value;
        this.format = format;
    }

    /** The figure's name in messages ("p95", "hit ratio"). */
    public String label() {
        return label;
    }

    /** Its unit ("req/s", "ms"; empty for the hit ratio). */
    public String unit() {
        return unit;
    }

    /** The unit in a check's {@code unit} field: "ratio" for the hit ratio, as cache.hit-ratio has it. */
    public String checkUnit() {
        return unit.isEmpty() ? "ratio" : unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The run's value, null when the run did not measure it (no cache, capacity search off). */
    public Double of(BenchRecord run) {
        Double v = value.apply(run);
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** {@code value} with the figure's precision and unit: "87.5 ms", "0.962". */
    String show(double v) {
        return Verdict.format(format, v) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** {@code value} with the figure's precision, no unit. */
    String number(double v) {
        return Verdict.format(format, v);
    }

    /** True when going from {@code before} to {@code after} is a change for the worse. */
    boolean worse(double before, double after) {
        return higherIsBetter ? after < before : after > before;
    }

    /** The smallest change of this figure worth an alarm around {@code median}. */
    double floor(double median, RegressionJudge.Rule rule) {
        return switch (this) {
            case THROUGHPUT, CAPACITY -> rule.throughputFloorRatio() * Math.abs(median);
            case P95 -> rule.p95FloorRatio() * Math.abs(median);
            case HIT_RATIO -> rule.hitRatioFloor();
        };
    }

    /** The metrics key ("throughput", "p95_ms", "hit_ratio", "capacity"). */
    String key() {
        return switch (this) {
            case THROUGHPUT -> "throughput";
            case CAPACITY -> "capacity";
            case P95 -> "p95_ms";
            case HIT_RATIO -> "hit_ratio";
        };
    }
}
