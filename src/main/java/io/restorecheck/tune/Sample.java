package io.restorecheck.tune;

/**
 * One measurement of one variant: the capacity knee in requests per second (the highest rate held), 95th percentile latency, memcached hit ratio
 * (Δget_hits / (Δget_hits + Δget_misses); NaN when the site has no cache) and evictions during the measurement.
 */
public record Sample(double capacityPerSec, double p95Ms, double hitRatio, long evictions, long requests,
                     long errors) {
}
