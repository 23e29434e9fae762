package io.restorecheck.drill;

import java.time.Duration;
import java.time.Instant;

/**
 * The restore time split as an outage would spend it: fetch/copy of the backup, start of the server until redo
 * starts, redo until the copy is consistent, replay to the end of the archive, promotion until it accepts writes.
 * All in seconds; {@code total} is the restore time (RTO) from the first byte fetched to accepting writes.
 */
record Phases(double fetchSeconds, double startSeconds, double consistencySeconds, double replaySeconds,
              double promoteSeconds, double totalSeconds) {

    /** From the server log's times; a phase whose log line is missing counts as 0 and the total as measured. */
    static Phases of(double fetchSeconds, Instant launched, RecoveryLog log, Instant promotedSeen) {
        Instant redo = log.redoStarts().map(RecoveryLog.Event::at).orElse(launched);
        Instant consistent = log.consistent().map(RecoveryLog.Event::at).orElse(redo);
        Instant done = log.redoDone().map(RecoveryLog.Event::at).orElse(consistent);
        Instant ready = log.ready().filter(r -> !r.isBefore(done)).orElse(promotedSeen);
        double start = seconds(launched, redo);
        double consistency = seconds(redo, consistent);
        double replay = seconds(consistent, done);
        double promote = seconds(done, ready);
        return new Phases(fetchSeconds, start, consistency, replay, promote,
                fetchSeconds + Math.max(start + consistency + replay + promote, 0));
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos() / 1e9);
    }

    /** Redo time: from the first record replayed to the last (consistency + replay). */
    double redoSeconds() {
        return consistencySeconds + replaySeconds;
    }
}
