package io.restorecheck.drill;

import io.restorecheck.config.DatabaseSection;
import io.restorecheck.integrity.ReadOnlySessions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The live primary at the moment the drill promoted, read in one read-only session: its clock (the "now" the
 * recovery point is measured against) and the newest segment it reports archived. The archiver view is readable
 * by any role; when it is not (a pooler, an old server), the drill says so rather than guessing.
 */
record PrimaryView(Instant now, Optional<String> lastArchivedWal, Optional<Instant> lastArchivedAt) {

    static PrimaryView read(DatabaseSection db) {
        try (Connection c = ReadOnlySessions.restored(db); Statement s = c.createStatement()) {
            Instant now;
            try (ResultSet rs = s.executeQuery("SELECT now()")) {
                rs.next();
                now = rs.getTimestamp(1).toInstant();
            }
            try (ResultSet rs = s.executeQuery("SELECT last_archived_wal, last_archived_time FROM pg_stat_archiver")) {
                rs.next();
                Timestamp t = rs.getTimestamp(2);
                return new PrimaryView(now, Optional.ofNullable(rs.getString(1)),
                        Optional.ofNullable(t).map(Timestamp::toInstant));
            } catch (SQLException e) {
                return new PrimaryView(now, Optional.empty(), Optional.empty());
            }
        } catch (SQLException e) {
            throw new DrillFailure("cannot read the live primary (" + db.url() + ", read-only): " + e.getMessage(), e);
        }
    }
}
