/**
 * The nightly restore drill (DESIGN §2 {@code drill}): the newest base backup and the WAL archive restored into a
 * throwaway server, measured (restore time and its phases, recovery point), compared with the live primary
 * (read-only) and checked with amcheck; checks {@code drill.*}, {@code metrics.drill} and drill-history.jsonl.
 * The backup and the archive are only read; the copy is removed at the end, Ctrl-C included.
 */
package io.restorecheck.drill;
