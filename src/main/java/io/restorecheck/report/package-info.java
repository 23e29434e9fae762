/**
 * The results contract (DESIGN §3): one folder per run under the reports root, {@code latest} pointing at it,
 * {@code summary.json} for machines and {@code summary.md} for people.
 */
package io.restorecheck.report;
