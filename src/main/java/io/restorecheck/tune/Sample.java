package io.restorecheck.tune;

/**
 * One measurement of one variant: successful requests per second, 95th percentile latency, memcached hit ratio
 * (Δget_hits / (Δget_hits + Δget_misses); NaN when the site has no cache) and evictions during the measurement.
 */
public record Sample(double throughputPerSecond, double p95Ms, double hitRatio, long evictions, long requests,
                     long errors) {
}
