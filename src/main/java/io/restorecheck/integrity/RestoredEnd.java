package io.restorecheck.integrity;

import io.restorecheck.config.DatabaseSection;
import io.restorecheck.db.ReadOnlyConnections;
import io.restorecheck.wal.Lsn;
import io.restorecheck.wal.TimelineHistory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The restored server's end of recovery, read over a read-only SQL session: where replay ended (it stays put
 * after promotion), its last replayed commit time, its timeline and the timeline it branched from.
 *
 * @param inRecovery     still replaying (a standby), not promoted
 * @param endLsn         end of the last replayed record; empty when the server reports none (never recovered, or
 *                       restarted since) and its own history file is not readable either
 * @param endSource      where {@code endLsn} came from, in words
 * @param lastReplayedAt time of the last replayed commit, when known
 * @param timeline       the server's current timeline
 * @param parent         the timeline it branched from (0 when unknown)
 * @param parentSource   where {@code parent} came from, in words
 */
public record RestoredEnd(boolean inRecovery, Optional<Long> endLsn, String endSource, Optional<Instant> lastReplayedAt,
                   int timeline, int parent, String parentSource) {

    public static RestoredEnd read(DatabaseSection db) throws SQLException {
        try (Connection c = ReadOnlyConnections.open(db, "archive checks")) {
            try (Statement s = c.createStatement()) {
                boolean inRecovery;
                Optional<Long> end = Optional.empty();
                Optional<Instant> lastReplayed = Optional.empty();
                try (ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, "
                        + "pg_last_xact_replay_timestamp()")) {
                    rs.next();
                    inRecovery = rs.getBoolean(1);
                    if (rs.getString(2) != null) {
                        end = Optional.of(Lsn.parse(rs.getString(2)));
                    }
                    java.sql.Timestamp t = rs.getTimestamp(3);
                    if (t != null) {
                        lastReplayed = Optional.of(t.toInstant());
                    }
                }
                String endSource = "pg_last_wal_replay_lsn()";
                int timeline = timeline(s, inRecovery);
                int parent = 0;
                String parentSource = "unknown";
                Optional<TimelineHistory> own = inRecovery || timeline <= 1 ? Optional.empty() : ownHistory(c, timeline);
                if (own.isPresent() && !own.get().switches().isEmpty()) {
                    parent = own.get().parent();
                    parentSource = String.format("the server's pg_wal/%08X.history", timeline);
                    if (end.isEmpty()) {
                        end = Optional.of(own.get().begin());
                        endSource = "the switchpoint in " + parentSource;
                    }
                }
                if (parent == 0 && !inRecovery) {
                    parent = prevTimeline(s, timeline);
                    if (parent != 0) {
                        parentSource = "pg_control_checkpoint().prev_timeline_id";
                    }
                }
                if (end.isEmpty()) {
                    endSource = "none";
                }
                return new RestoredEnd(inRecovery, end, endSource, lastReplayed, timeline, parent, parentSource);
            }
        }
    }

    private static int timeline(Statement s, boolean inRecovery) throws SQLException {
        String sql = inRecovery ? "SELECT timeline_id FROM pg_control_checkpoint()"
                : "SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int";
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The server's own history file names its parent exactly; reading it needs pg_read_server_files. */
    private static Optional<TimelineHistory> ownHistory(Connection c, int timeline) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(String.format("SELECT pg_read_file('pg_wal/%08X.history')", timeline))) {
            rs.next();
            return Optional.of(TimelineHistory.parse(timeline, rs.getString(1)));
        } catch (SQLException | IllegalArgumentException e) {
            rollbackQuietly(c);
            return Optional.empty();
        }
    }

    private static int prevTimeline(Statement s, int timeline) {
        try (ResultSet rs = s.executeQuery("SELECT timeline_id, prev_timeline_id FROM pg_control_checkpoint()")) {
            rs.next();
            return rs.getInt(1) == timeline && rs.getInt(2) != timeline ? rs.getInt(2) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the session is only read from
        }
    }
}
