package io.restorecheck.tune;

import java.time.Duration;

/**
 * The load a tuning measurement runs against a site: warm up (unrecorded, for at most {@code warmUp}; zero:
 * no warm-up), then measure for {@code duration}.
 * {@link GatlingBenchmark} measures through the load package's Gatling capacity search.
 */
public interface Benchmark {
    Sample run(Target target, Duration warmUp, Duration duration);
}
