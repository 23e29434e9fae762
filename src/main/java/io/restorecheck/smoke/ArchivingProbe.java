package io.restorecheck.smoke;

import io.restorecheck.config.SmokeSection;
import io.restorecheck.integrity.ArchiveCommands;
import io.restorecheck.report.CheckResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code smoke.archiving}: archive_mode is on with a command that stores segments (or an archive library), and
 * archiving is alive: {@code pg_stat_archiver} shows no failure since the last success, and completed segments
 * do not wait for the archive longer than {@code smoke.max-archive-delay}.
 */
final class ArchivingProbe {
    private static final Pattern SEGMENT = Pattern.compile("([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})(\\.partial)?");

    private ArchivingProbe() {
    }

    static CheckResult check(Statement s, SmokeSection smoke) throws SQLException {
        long t0 = System.nanoTime();
        String mode = DatabaseProbe.string(s, "SELECT current_setting('archive_mode')");
        String command = DatabaseProbe.string(s, "SELECT current_setting('archive_command')");
        String library = DatabaseProbe.string(s, "SELECT setting FROM pg_settings WHERE name = 'archive_library'");
        boolean inRecovery = "t".equals(DatabaseProbe.string(s, "SELECT pg_is_in_recovery()"));
        if (inRecovery && !"always".equals(mode)) {
            return CheckResult.skipped(DatabaseProbe.ARCHIVING, "the database is in recovery (a standby) and "
                    + "archive_mode = " + mode + ": it archives nothing until promoted; archiving is its primary's job");
        }
        List<String> problems = new ArrayList<>();
        String how;
        if (!"on".equals(mode) && !"always".equals(mode)) {
            problems.add("archive_mode = " + mode + " (needs on, and a restart to change)");
            how = "archiving off";
        } else if (library != null && !library.isBlank()) {
            how = "archive_library '" + library + "'";
        } else {
            how = "archive_command '" + command + "'";
            ArchiveCommands.whyNoOp(command).ifPresent(problems::add);
        }
        Archiver a;
        try (ResultSet rs = s.executeQuery("SELECT archived_count, last_archived_wal, last_archived_time, "
                + "failed_count, last_failed_wal, last_failed_time, now() FROM pg_stat_archiver")) {
            rs.next();
            a = new Archiver(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)), rs.getLong(4),
                    rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)));
        }
        if (a.failedCount > 0 && a.lastFailed != null && (a.lastArchived == null || a.lastFailed.isAfter(a.lastArchived))) {
            problems.add("pg_stat_archiver: the last attempt failed (segment " + a.lastFailedWal + " at "
                    + a.lastFailed + ", " + a.failedCount + " failures) after the last success (" + a.last()
                    + "); see the server log");
        }
        String backlogNote = "";
        Optional<Waiting> queue = waiting(s);
        if (problems.isEmpty() && queue.isPresent()) {
            // The archiver's own queue: a .ready file per completed segment not archived yet.
            Waiting w = queue.get();
            Duration oldest = w.oldest == null ? Duration.ZERO : Duration.between(w.oldest, a.now);
            if (w.count > 0 && oldest.compareTo(smoke.maxArchiveDelay()) > 0) {
                problems.add(w.count + " completed segments wait for the archive (pg_wal/archive_status), the oldest "
                        + "for " + oldest.toSeconds() + " s, more than smoke.max-archive-delay "
                        + smoke.maxArchiveDelay().toSeconds() + " s");
            }
            backlogNote = "; " + w.count + " segments waiting for the archive";
        } else if (problems.isEmpty() && !inRecovery) {
            long segmentBytes = Long.parseLong(DatabaseProbe.string(s,
                    "SELECT setting FROM pg_settings WHERE name = 'wal_segment_size'"));
            String current = DatabaseProbe.string(s, "SELECT pg_walfile_name(pg_current_wal_lsn())");
            OptionalLong currentSegno = segno(current, segmentBytes);
            OptionalLong archivedSegno = segno(a.lastArchivedWal, segmentBytes);
            if (currentSegno.isPresent() && archivedSegno.isPresent()) {
                long waiting = currentSegno.getAsLong() - 1 - archivedSegno.getAsLong();
                Duration since = Duration.between(a.lastArchived, a.now);
                if (waiting > 0 && since.compareTo(smoke.maxArchiveDelay()) > 0) {
                    problems.add(waiting + " completed segments wait for the archive (the server writes " + current
                            + ") and nothing was archived for " + since.toSeconds() + " s, more than "
                            + "smoke.max-archive-delay " + smoke.maxArchiveDelay().toSeconds() + " s");
                }
                backlogNote = "; " + Math.max(0, waiting) + " completed segments not archived yet, writing "
                        + current;
            } else if (a.lastArchivedWal == null) {
                backlogNote = "; nothing archived since the statistics were reset, writing " + current;
            }
        }
        String counts = a.archivedCount + " archived (last " + a.last() + "), " + a.failedCount + " failed"
                + backlogNote + "; " + Messages.millis(t0);
        if (problems.isEmpty()) {
            return CheckResult.passed(DatabaseProbe.ARCHIVING, "on", "on", null, "archive_mode = " + mode + ", "
                    + how + "; " + counts);
        }
        return CheckResult.failed(DatabaseProbe.ARCHIVING, "off", "on", null, "WAL archiving is not alive: "
                + String.join("; ", problems) + " (" + how + "; " + counts + "). Until it is, a failure loses every "
                + "edit since the last base backup's archive");
    }

    private record Waiting(long count, Instant oldest) {
    }

    /** The .ready files of pg_wal/archive_status, when the session may list them (superuser or pg_monitor). */
    private static Optional<Waiting> waiting(Statement s) {
        try (ResultSet rs = s.executeQuery("SELECT count(*), min(modification) FROM pg_ls_archive_statusdir() "
                + "WHERE name LIKE '%.ready'")) {
            rs.next();
            return Optional.of(new Waiting(rs.getLong(1), instant(rs.getTimestamp(2))));
        } catch (SQLException e) {
            return Optional.empty(); // not allowed to list it: the segment numbers tell instead
        }
    }

    private record Archiver(long archivedCount, String lastArchivedWal, Instant lastArchived, long failedCount,
                            String lastFailedWal, Instant lastFailed, Instant now) {
        String last() {
            return lastArchivedWal == null ? "none" : lastArchivedWal + " at " + lastArchived;
        }
    }

    /** The segment number of a WAL file name (timeline ignored), for {@code .partial} too; empty for others. */
    static OptionalLong segno(String walFile, long segmentBytes) {
        if (walFile == null) {
            return OptionalLong.empty();
        }
        Matcher m = SEGMENT.matcher(walFile);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long perLogId = 0x1_0000_0000L / segmentBytes;
        return OptionalLong.of(Long.parseLong(m.group(2), 16) * perLogId + Long.parseLong(m.group(3), 16));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
