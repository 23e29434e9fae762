package io.restorecheck.wal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A transaction's end as the WAL holds it: commit or abort, plain or of a prepared transaction.
 *
 * @param kind       which record
 * @param xid        the transaction id (for the prepared forms, the prepared transaction's)
 * @param lsn        where the record starts
 * @param timeMicros commit/abort time, microseconds since the Unix epoch
 * @param timeline   the timeline of the files it was read from
 */
public record XactRecord(Kind kind, long xid, long lsn, long timeMicros, int timeline) {
    /** PostgreSQL timestamps count microseconds from 2000-01-01 00:00:00 UTC. */
    static final long PG_EPOCH_MICROS = 946_684_800L * 1_000_000L;
    private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    public enum Kind {
        COMMIT, ABORT, COMMIT_PREPARED, ABORT_PREPARED;

        public boolean isCommit() {
            return this == COMMIT || this == COMMIT_PREPARED;
        }
    }

    public Instant time() {
        return Instant.ofEpochSecond(Math.floorDiv(timeMicros, 1_000_000L), Math.floorMod(timeMicros, 1_000_000L) * 1000);
    }

    /** ISO-8601 with offset and microseconds, e.g. {@code 2026-11-25T13:02:27.272250+00:00}. */
    public String isoTime() {
        return OffsetDateTime.ofInstant(time(), ZoneOffset.UTC).format(ISO_MICROS);
    }

    public String describe() {
        return kind.name().toLowerCase().replace('_', ' ') + " of xid " + xid + " at " + isoTime() + " (LSN "
                + Lsn.format(lsn) + ")";
    }
}
