/**
 * The nightly benchmark's memory and judgement: one {@link io.restorecheck.bench.BenchRecord} per run appended to a
 * JSON-lines history, a {@link io.restorecheck.bench.RegressionJudge} that compares a run with the median and noise of
 * the runs before it, and a {@link io.restorecheck.bench.TrendChart} of the history. Pure logic: no servers.
 */
package io.restorecheck.bench;
