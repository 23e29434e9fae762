package io.restorecheck.suites;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the load suite measured at the fixed rate, typed, for the runs that keep a history of it (bench): handed
 * over through {@link SuiteContext#share}, not read back from the metrics the report shows.
 *
 * @param throughputPerSec mean served requests per second over the run
 * @param cacheSettings    per memcached server, the settings tuning cares about (as {@code stats settings} names them)
 * @param kneePerSec       the capacity knee, when the capacity search ran
 */
public record LoadFigures(double throughputPerSec, long requests, long failed, double p50Ms, double p95Ms,
                          double p99Ms, OptionalDouble hitRatio, OptionalLong evictions,
                          Map<String, Map<String, String>> cacheSettings, Optional<Double> kneePerSec) {
    public LoadFigures {
        // Servers in the order the config lists them, as the history has always recorded them.
        cacheSettings = Collections.unmodifiableMap(new LinkedHashMap<>(cacheSettings));
    }

    public double errorRatio() {
        return requests == 0 ? 0 : failed / (double) requests;
    }
}
