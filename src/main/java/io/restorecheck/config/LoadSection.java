package io.restorecheck.config;

import java.time.Duration;

/** The load to apply (open model: arrivals per second for a bounded time) and the floors and ceilings it must meet. */
public record LoadSection(String simulation, Duration duration, double arrivalRatePerSec, double minThroughputPerSec,
                          Duration maxP95, double maxErrorRatio) {
}
