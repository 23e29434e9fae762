package io.restorecheck.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the drill's restore ended, judged against the live primary: the newest commit recovered (or the backup's
 * start when no commit followed it), the primary's clock at promotion, and whether the archive has a hole: the
 * first segment replay could not fetch is still missing while the primary reports a later one archived.
 */
record RecoveryPoint(Optional<Instant> point, String pointSource, Instant primaryNow, Optional<String> gapSegment,
                     Optional<String> primaryLastArchived) {

    Optional<Duration> dataLoss() {
        return point.map(p -> Duration.between(p, primaryNow).isNegative() ? Duration.ZERO
                : Duration.between(p, primaryNow));
    }

    static RecoveryPoint judge(DrillServer.Result restore, PrimaryView primary, String restoreCommand,
                               java.nio.file.Path workDir) {
        Optional<Instant> point = restore.lastCommit().or(restore::backupStart);
        String source = restore.lastCommit().isPresent() ? "newest commit replayed"
                : restore.backupStart().isPresent() ? "no commit after the backup: its start time" : "unknown";
        Optional<String> last = primary.lastArchivedWal().filter(w -> w.length() >= 24)
                .map(w -> w.substring(0, 24)).filter(w -> w.matches("[0-9A-F]{24}"));
        Optional<String> gap = Optional.empty();
        String unfetched = restore.firstUnfetchedSegment();
        if (unfetched != null && last.isPresent() && last.get().compareTo(unfetched) >= 0
                && !SegmentProbe.fetchable(restoreCommand, unfetched, workDir)) {
            gap = Optional.of(unfetched);
        }
        return new RecoveryPoint(point, source, primary.now(), gap, primary.lastArchivedWal());
    }
}
