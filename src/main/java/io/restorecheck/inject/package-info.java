/**
 * Load from several injectors: each runs the same simulation with its share of the arrival rate from a common
 * start time and keeps its Gatling {@code simulation.log} plus exact latency histograms; the coordinator merges the
 * logs into one (one Gatling report for the fleet) and the histograms into the verdict's percentiles. Executors
 * start the injectors: {@code local} (JVMs on this machine) or {@code kubernetes} (an Indexed Job).
 */
package io.restorecheck.inject;
