/**
 * {@code restorecheck tune}: a matrix of postgresql.conf and memcached settings, measured variant by variant in
 * interleaved rounds on a stack the harness manages (a {@link io.restorecheck.lab.TuningLab}; it imports nothing of
 * the demo that builds it) or one a user command reconfigures, each setting
 * verified before measuring, then ranked by median capacity (the load package's capacity knee, req/s) with
 * distribution-free intervals.
 * <p>
 * The measurement sits behind {@link io.restorecheck.tune.Benchmark}; {@link io.restorecheck.tune.GatlingBenchmark}
 * measures through the load package's Gatling launch, the same engine accept and bench use.
 */
package io.restorecheck.tune;
