package io.restorecheck.integrity;

import io.restorecheck.report.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code integrity.recency}: the archive's last commit lies within {@code max-data-loss} of the outage. The last
 * commit comes from the best source available: the WAL reader's reading of the segments when another suite
 * published it, else the reference replay's last replayed commit.
 */
public final class Recency {
    public static final String CHECK = "integrity.recency";

    /** Where the archive's last commit time was read, for the message. */
    public record LastCommit(Instant at, String source) {
    }

    private Recency() {
    }

    public static CheckResult check(Optional<Instant> outageAt, Optional<LastCommit> lastCommit, Duration maxDataLoss) {
        return check(outageAt, lastCommit, new DataLossBound(maxDataLoss, "integrity.max-data-loss"));
    }

    static CheckResult check(Optional<Instant> outageAt, Optional<LastCommit> lastCommit, DataLossBound bound) {
        if (outageAt.isEmpty()) {
            return CheckResult.skipped(CHECK, "no outage time known (pass --outage-at TIME to accept)"
                    + lastCommit.map(c -> "; the recovery point achieved is the archive's last commit at " + c.at()
                    + " (" + c.source() + ")").orElse(""));
        }
        if (lastCommit.isEmpty()) {
            return CheckResult.skipped(CHECK, "the archive's last commit is unknown: no base backup configured for a "
                    + "reference replay (integrity.base-backup) and no WAL reading of the archive");
        }
        Instant outage = outageAt.get();
        LastCommit c = lastCommit.get();
        Duration loss = Duration.between(c.at(), outage);
        double lossSeconds = loss.toNanos() / 1e9;
        double maxSeconds = bound.bound().toNanos() / 1e9;
        String point = "the archive's last commit at " + c.at() + " (" + c.source() + "), " + seconds(lossSeconds)
                + " before the outage at " + outage;
        String limit = "max-data-loss " + seconds(maxSeconds) + " (from " + bound.source() + ")";
        if (lossSeconds <= maxSeconds) {
            return CheckResult.passed(CHECK, round(lossSeconds), round(maxSeconds), "s", "recovery point achieved: "
                    + point + ", within " + limit);
        }
        return CheckResult.failed(CHECK, round(lossSeconds), round(maxSeconds), "s", "recovery point NOT achieved: "
                + point + ", more than " + limit + ": commits made in the last " + seconds(lossSeconds)
                + " before the outage never reached the archive (check the old server's archiver and pg_wal)");
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static String seconds(double s) {
        return String.format(java.util.Locale.ROOT, "%.3f s", s);
    }
}
