package io.restorecheck.integrity;

import io.restorecheck.report.CheckResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code integrity.archiving.active}: the restored server ships its WAL again. archive_mode is on (or always),
 * an archive_command that can store segments or an archive_library is set, and pg_stat_archiver shows no
 * failure since the last success. The optional probe switches WAL and waits for the segment to be archived.
 */
public final class ArchivingActive {
    public static final String CHECK = "integrity.archiving.active";

    private ArchivingActive() {
    }

    /**
     * @param probe an open session on the restored server that may call {@code pg_switch_wal()} (opt-in:
     *              it is a side effect), or empty
     */
    public static CheckResult check(Connection restored, Optional<Connection> probe, Duration probeTimeout)
            throws SQLException {
        String mode = setting(restored, "archive_mode");
        String command = setting(restored, "archive_command");
        String library = hasSetting(restored, "archive_library") ? setting(restored, "archive_library") : "";
        boolean inRecovery = "t".equals(query(restored, "SELECT pg_is_in_recovery()"));
        List<String> problems = new ArrayList<>();
        if (!"on".equals(mode) && !"always".equals(mode)) {
            problems.add("archive_mode = " + mode + " (needs on; changing it needs a restart)");
        } else if (inRecovery && !"always".equals(mode)) {
            problems.add("the server is still in recovery and archive_mode = on only archives after promotion");
        }
        String how;
        boolean modeOn = "on".equals(mode) || "always".equals(mode);
        if (library != null && !library.isBlank()) {
            how = "archive_library '" + library + "'";
        } else if (!modeOn) {
            // With archive_mode off the server shows archive_command as "(disabled)".
            how = "archive_command unused";
        } else {
            how = "archive_command '" + command + "'";
            ArchiveCommands.whyNoOp(command).ifPresent(problems::add);
        }
        Stats stats = stats(restored);
        if (stats.failedCount > 0 && stats.lastFailed != null
                && (stats.lastArchived == null || stats.lastFailed.after(stats.lastArchived))) {
            problems.add("pg_stat_archiver: " + stats.failedCount + " failures, the last for segment "
                    + stats.lastFailedWal + " at " + stats.lastFailed.toInstant() + ", after the last success ("
                    + (stats.lastArchived == null ? "none" : stats.lastArchivedWal + " at "
                    + stats.lastArchived.toInstant()) + "); see the server log");
        }
        String probed = "";
        if (problems.isEmpty() && probe.isPresent()) {
            Optional<String> probeProblem = probe(probe.get(), probeTimeout);
            if (probeProblem.isPresent()) {
                problems.add(probeProblem.get());
            } else {
                probed = "; probe: a switched segment reached the archive";
            }
        }
        String counts = "archived " + stats.archivedCount + " segments (last " + (stats.lastArchivedWal == null
                ? "none yet" : stats.lastArchivedWal) + "), " + stats.failedCount + " failures";
        if (problems.isEmpty()) {
            return CheckResult.passed(CHECK, "on", "on", null, "archive_mode = " + mode + ", " + how + "; "
                    + counts + probed);
        }
        return CheckResult.failed(CHECK, "off", "on", null, "the restored server does not archive WAL: "
                + String.join("; ", problems) + " (" + how + ", " + counts + "). Until it does, a second failure "
                + "loses every edit since the restore");
    }

    private static Optional<String> probe(Connection c, Duration timeout) throws SQLException {
        String segment = query(c, "SELECT pg_walfile_name(pg_switch_wal())");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Stats s = stats(c);
            if (s.lastArchivedWal != null && s.lastArchivedWal.length() >= 24
                    && s.lastArchivedWal.substring(0, 24).compareTo(segment) >= 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("probe interrupted");
            }
        }
        Stats s = stats(c);
        return Optional.of("probe: switched segment " + segment + " not archived within " + timeout.toSeconds()
                + " s (last archived " + s.lastArchivedWal + ", last failed " + s.lastFailedWal + ")");
    }

    private record Stats(long archivedCount, String lastArchivedWal, Timestamp lastArchived, long failedCount,
                         String lastFailedWal, Timestamp lastFailed) {
    }

    private static Stats stats(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT archived_count, "
                + "last_archived_wal, last_archived_time, failed_count, last_failed_wal, last_failed_time "
                + "FROM pg_stat_archiver")) {
            rs.next();
            return new Stats(rs.getLong(1), rs.getString(2), rs.getTimestamp(3), rs.getLong(4), rs.getString(5),
                    rs.getTimestamp(6));
        }
    }

    private static boolean hasSetting(Connection c, String name) throws SQLException {
        return "1".equals(query(c, "SELECT count(*) FROM pg_settings WHERE name = '" + name + "'"));
    }

    private static String setting(Connection c, String name) throws SQLException {
        return query(c, "SELECT current_setting('" + name + "')");
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
