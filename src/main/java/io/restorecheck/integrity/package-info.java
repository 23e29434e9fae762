/**
 * "Nothing lost": the archive checks ({@link io.restorecheck.integrity.ArchiveRun}: continuity and timelines of the
 * WAL archive as {@code wal} reads it, and the restored server's end of recovery against the archive's commits), the
 * reference replay (a throwaway PostgreSQL recovered from the base backup plus the WAL archive),
 * the table comparison of restored vs reference (row counts, latest timestamps, segment fingerprints bisected down
 * to keys), recency against the outage time, and archiving and settings on the restored server. Uses {@code lab}
 * for processes and {@code config} for the site; every session on the restored server is read-only.
 */
package io.restorecheck.integrity;
