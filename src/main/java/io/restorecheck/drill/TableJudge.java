package io.restorecheck.drill;

import io.restorecheck.config.DrillSection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares a table of the drill copy with the live primary, allowing exactly what was committed after the
 * recovery point. Each row is identified by the text of its key and timestamp, hashed (64 bits of md5) on the
 * server; the copy's hashes are held sorted in memory (8 bytes a row) and the primary's rows at or before the
 * cutoff are streamed against them. Rule: every primary row with a timestamp at or before the cutoff must be in
 * the copy, unchanged (both kinds of table); an append-only table's copy must also hold nothing else up to the
 * cutoff. What this cannot prove: changes that leave the timestamp alone, rows deleted on the primary before the
 * recovery point but still in the copy of a mutable table, and content outside the key and timestamp.
 */
final class TableJudge {
    private static final int SHOWN_KEYS = 5;
    private static final int FETCH_ROWS = 10_000;

    private TableJudge() {
    }

    static TableVerdict judge(DrillSection.Table table, Connection copy, Connection primary, Instant cutoff) {
        String name = table.spec().name();
        try {
            String keyRow = "ROW(" + String.join(", ", table.spec().key()) + ")::text";
            String ts = "(" + table.spec().timestamp().orElseThrow() + ")";
            String hash = "('x' || substr(md5(" + keyRow + " || '|' || coalesce(" + ts + "::text, '')), 1, 16))"
                    + "::bit(64)::bigint";
            String where = " FROM " + name + " WHERE " + ts + " <= ?::timestamptz";
            long copyRows = count(copy, "SELECT count(*) FROM " + name, null);
            String copyLatest = text(copy, "SELECT max" + ts + "::text FROM " + name, null);
            long[] copyHashes = hashes(copy, "SELECT " + hash + where, cutoff);
            long primaryRows = count(primary, "SELECT count(*) FROM " + name, null);
            String primaryLatest = text(primary, "SELECT max" + ts + "::text" + where, cutoff);
            long primaryUpTo = 0;
            long missing = 0;
            List<String> keys = new ArrayList<>();
            boolean auto = primary.getAutoCommit();
            primary.setAutoCommit(false);
            try (PreparedStatement ps = primary.prepareStatement("SELECT " + keyRow + ", " + hash + where)) {
                ps.setFetchSize(FETCH_ROWS);
                ps.setString(1, cutoff.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        primaryUpTo++;
                        if (Arrays.binarySearch(copyHashes, rs.getLong(2)) < 0) {
                            missing++;
                            if (keys.size() < SHOWN_KEYS) {
                                keys.add(rs.getString(1));
                            }
                        }
                    }
                }
            } finally {
                primary.commit();
                primary.setAutoCommit(auto);
            }
            long extra = Math.max(0, copyHashes.length - (primaryUpTo - missing));
            return new TableVerdict(name, table.appendOnly(), primaryRows, primaryUpTo, copyRows, copyHashes.length,
                    missing, keys, extra, copyLatest, primaryLatest, null);
        } catch (SQLException e) {
            return new TableVerdict(name, table.appendOnly(), 0, 0, 0, 0, 0, List.of(), 0, null, null,
                    "cannot compare: " + e.getMessage());
        }
    }

    private static long count(Connection c, String sql, Instant cutoff) throws SQLException {
        return Long.parseLong(text(c, sql, cutoff));
    }

    private static String text(Connection c, String sql, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (cutoff != null) {
                ps.setString(1, cutoff.toString());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static long[] hashes(Connection c, String sql, Instant cutoff) throws SQLException {
        long[] out = new long[1024];
        int n = 0;
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_ROWS);
            ps.setString(1, cutoff.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = rs.getLong(1);
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(auto);
        }
        long[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        return sorted;
    }
}
