package io.restorecheck.tune;

import io.restorecheck.stats.Percentiles;
import java.util.List;
import java.util.Optional;

/**
 * What one variant's measurements came to: its samples, or why it could not be measured. Summaries are
 * medians over the repeats: capacity with its interval, p95, hit ratio and evictions per measurement.
 */
public record VariantResult(Variant variant, List<Sample> samples, Optional<String> failure) {
    public VariantResult {
        samples = List.copyOf(samples);
    }

    public boolean measured() {
        return failure.isEmpty() && !samples.isEmpty();
    }

    public Interval capacity() {
        return Stats.medianInterval(samples.stream().mapToDouble(Sample::capacityPerSec).toArray());
    }

    public double p95Ms() {
        return Percentiles.median(samples.stream().mapToDouble(Sample::p95Ms).toArray());
    }

    /** Median hit ratio over the measurements that had cache traffic; NaN when none had. */
    public double hitRatio() {
        double[] ratios = samples.stream().mapToDouble(Sample::hitRatio).filter(r -> !Double.isNaN(r)).toArray();
        return ratios.length == 0 ? Double.NaN : Percentiles.median(ratios);
    }

    /** Median evictions per measurement. */
    public long evictions() {
        return Math.round(Percentiles.median(samples.stream().mapToDouble(Sample::evictions).toArray()));
    }

    public long errors() {
        return samples.stream().mapToLong(Sample::errors).sum();
    }
}
