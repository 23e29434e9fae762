/**
 * Order statistics every measurement shares (medians of repeated runs, percentiles of response times): one home
 * so that {@code load}, {@code bench}, {@code tune} and {@code siteinit} compute them alike. Depends on nothing.
 */
package io.restorecheck.stats;
