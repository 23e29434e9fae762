package io.restorecheck.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Row count and latest edit of one table, read from a server the demo knows the truth about. */
record TableFacts(long rows, String latest) {
    static final String[] TABLES = {"curPages", "allPages"};

    static Map<String, TableFacts> read(Connection c) throws SQLException {
        Map<String, TableFacts> facts = new LinkedHashMap<>();
        for (String table : TABLES) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), max(editTime) FROM " + table)) {
                rs.next();
                double latest = rs.getDouble(2);
                facts.put(table, new TableFacts(rs.getLong(1), rs.wasNull() ? null : unixSeconds(latest)));
            }
        }
        return facts;
    }

    /** editTime is Unix seconds as double precision; printed as ISO-8601 with microseconds. */
    static String unixSeconds(double seconds) {
        long micros = Math.round(seconds * 1_000_000d);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                .toString();
    }

    static String describe(Map<String, TableFacts> facts) {
        StringBuilder sb = new StringBuilder();
        facts.forEach((table, f) -> sb.append(sb.length() == 0 ? "" : "; ").append(table).append(' ').append(f.rows)
                .append(" rows, latest ").append(f.latest));
        return sb.toString();
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("latest", latest);
        return m;
    }
}
