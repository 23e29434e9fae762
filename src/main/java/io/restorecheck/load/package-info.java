/**
 * Load on the site: the pages to visit, the warm-up pass, Gatling launched in-process with parameters from the
 * config, its results read back from Gatling's own files, and the load checks. Simulations live in the
 * {@code simulations/} source root ({@code io.restorecheck.simulations}).
 */
package io.restorecheck.load;
