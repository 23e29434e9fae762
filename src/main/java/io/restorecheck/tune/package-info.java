/**
 * {@code restorecheck tune}: a matrix of postgresql.conf and memcached settings, measured variant by variant in
 * interleaved rounds on a stack the harness manages (the lab) or one a user command reconfigures, each setting
 * verified before measuring, then ranked by median throughput with distribution-free intervals.
 * <p>
 * The measurement itself sits behind {@link io.restorecheck.tune.Benchmark}; {@link
 * io.restorecheck.tune.ClosedLoopBenchmark} is a provisional closed-loop load until the Gatling benchmark
 * profile takes its place.
 */
package io.restorecheck.tune;
