package io.restorecheck.integrity;

import io.restorecheck.wal.ArchiveReport;
import io.restorecheck.wal.BackupHistory;
import io.restorecheck.wal.XactRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code restore_timeline} metric: the moments index.html draws as the restore timeline, as ISO instants
 * (absent when unknown): the base backup the restore started from (start, stop, from its backup history file), the
 * archive's last commit, the outage, the restored server's last replayed commit (its end of recovery) and
 * max-data-loss in seconds.
 */
public final class RestoreTimelineMetric {
    public static final String METRIC = "restore_timeline";
    /** A backup history file's START/STOP TIME, written in the server's log_timezone. */
    private static final List<DateTimeFormatter> BACKUP_TIME = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss x"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx"));

    private RestoreTimelineMetric() {
    }

    public static Map<String, Object> of(ArchiveReport report, int timeline, Optional<RestoredEnd> server,
                                  Optional<Instant> outageAt, Duration maxDataLoss) {
        Map<String, Object> m = new LinkedHashMap<>();
        backup(report.backups(), server.flatMap(RestoredEnd::endLsn)).ifPresent(b -> {
            m.put("base_backup_label", b.label());
            parse(b.startTime()).ifPresent(t -> m.put("base_backup_start", t.toString()));
            parse(b.stopTime()).ifPresent(t -> m.put("base_backup_stop", t.toString()));
        });
        report.lastCommit(timeline).map(XactRecord::time).ifPresent(t -> m.put("archive_last_commit", t.toString()));
        outageAt.ifPresent(t -> m.put("outage", t.toString()));
        server.flatMap(RestoredEnd::lastReplayedAt).ifPresent(t -> m.put("end_of_recovery", t.toString()));
        m.put("max_data_loss_s", maxDataLoss.toMillis() / 1000.0);
        return m;
    }

    /** The newest base backup that started before the restored server's end of recovery (the newest when unknown). */
    private static Optional<BackupHistory> backup(List<BackupHistory> backups, Optional<Long> endLsn) {
        return backups.stream().filter(b -> endLsn.isEmpty() || Long.compareUnsigned(b.startLsn(), endLsn.get()) <= 0)
                .max(Comparator.comparingLong(BackupHistory::startLsn));
    }

    static Optional<Instant> parse(String backupTime) {
        for (DateTimeFormatter f : BACKUP_TIME) {
            try {
                return Optional.of(ZonedDateTime.parse(backupTime.strip(), f).toInstant());
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
