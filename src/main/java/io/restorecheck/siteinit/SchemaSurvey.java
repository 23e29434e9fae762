package io.restorecheck.siteinit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the catalog of the restored database (read-only) for the tables worth comparing: every user table with a
 * primary key, largest first, with its candidate edit-time columns; tables without a primary key are listed apart
 * because rows without a key cannot be matched between the restored server and the reference.
 */
final class SchemaSurvey {
    /** Rows read per numeric column to decide whether it holds epoch seconds: a bounded look, not a scan. */
    static final int EPOCH_SAMPLE_ROWS = 10_000;
    /** Epoch values before this are not edit times of a live site (2000-01-01T00:00:00Z). */
    static final double EPOCH_FLOOR_SECONDS = 946_684_800;
    /** Columns that move on reads or cache invalidation, not on edits (MediaWiki's page_touched is the classic). */
    private static final Pattern TOUCHED = Pattern.compile(
            "touch|access|seen|visit|view|expir|heartbeat|login|lock|ping|last_used|checked|cache|sync");
    private static final Pattern EDITED = Pattern.compile("edit|modif|updat|chang|revis|mtime|saved");
    private static final Pattern TIMELIKE = Pattern.compile("time|date|stamp|_at$|_on$|when");
    private static final Pattern CREATED = Pattern.compile("creat|insert|added|born|start|regist");
    private static final Pattern IDLIKE = Pattern.compile("(^|_)id$|^id_|(?<=[a-z])id$|_(no|num|count|size|len)$");
    private static final Pattern NUMERIC = Pattern.compile("int2|int4|int8|float4|float8|numeric");

    /** Reserved words that are plausible column names; a bare one would be a syntax error. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("all", "analyse", "analyze", "and",
            "any", "array", "as", "asc", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_date", "current_time", "current_timestamp", "current_user", "default", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "into", "leading", "limit", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary",
            "references", "select", "session_user", "some", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "when", "where", "window", "with");

    private SchemaSurvey() {
    }

    static Surveyed survey(Connection c) throws SQLException {
        List<Surveyed.Table> keyed = new ArrayList<>();
        List<Surveyed.Table> keyless = new ArrayList<>();
        String sql = """
                SELECT c.oid, n.nspname, c.relname, to_regclass(quote_ident(c.relname)) IS NOT DISTINCT FROM c.oid,
                       c.reltuples::bigint, pg_total_relation_size(c.oid),
                       coalesce(s.n_tup_ins + s.n_tup_upd + s.n_tup_del, 0),
                       (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
                          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE i.indrelid = c.oid AND i.indisprimary)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
                 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
                   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                   AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
                 ORDER BY n.nspname, c.relname""";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                java.sql.Array pk = rs.getArray(8);
                rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        pk == null ? List.<String>of() : List.of((String[]) pk.getArray())});
            }
            for (Object[] r : rows) {
                long oid = (Long) r[0];
                String schema = (String) r[1];
                String name = (String) r[2];
                long estimate = (Long) r[4];
                long bytes = (Long) r[5];
                if (estimate < 0 && bytes < 64L << 20) {
                    estimate = count(c, schema, name); // never analysed (reltuples -1 since PG 14): small, so count
                }
                @SuppressWarnings("unchecked")
                List<String> key = (List<String>) r[7];
                List<Surveyed.TimeColumn> picked = new ArrayList<>();
                List<Surveyed.TimeColumn> excluded = new ArrayList<>();
                if (!key.isEmpty()) {
                    timeColumns(c, oid, schema, name, picked, excluded);
                }
                Surveyed.Table t = new Surveyed.Table(schema, name, (Boolean) r[3], key, estimate, bytes, (Long) r[6],
                        picked, excluded);
                (key.isEmpty() ? keyless : keyed).add(t);
            }
        }
        // What matters for "nothing lost": the most data first, then the most written (counters reset at a restore).
        Comparator<Surveyed.Table> order = Comparator.comparingLong(Surveyed.Table::totalBytes).reversed()
                .thenComparing(Comparator.comparingLong(Surveyed.Table::writes).reversed())
                .thenComparing(Surveyed.Table::schema).thenComparing(Surveyed.Table::name);
        keyed.sort(order);
        keyless.sort(order);
        return new Surveyed(keyed, keyless);
    }

    private static long count(Connection c, String schema, String name) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + ident(schema) + "." + ident(name))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void timeColumns(Connection c, long oid, String schema, String table,
                                    List<Surveyed.TimeColumn> picked, List<Surveyed.TimeColumn> excluded)
            throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, t.typname, a.attnotnull FROM pg_attribute a "
                + "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] col : columns) {
            String name = col[0];
            String type = col[1];
            String lower = name.toLowerCase(Locale.ROOT);
            Surveyed.TimeColumn candidate;
            if (type.equals("timestamptz") || type.equals("timestamp")) {
                candidate = new Surveyed.TimeColumn(name, type, ident(name), score(lower), type + " column");
            } else if (NUMERIC.matcher(type).matches()) {
                double[] range = sampleRange(c, schema, table, name);
                if (range == null) {
                    continue;
                }
                double now = Instant.now().getEpochSecond() + 86_400.0;
                String span = Instant.ofEpochSecond((long) range[0]) + " .. " + Instant.ofEpochSecond((long) range[1]);
                if (range[0] >= EPOCH_FLOOR_SECONDS && range[1] <= now) {
                    candidate = new Surveyed.TimeColumn(name, type, "to_timestamp(" + ident(name) + ")", score(lower),
                            type + " holding epoch seconds (sampled values read as " + span + ")");
                } else if (range[0] >= EPOCH_FLOOR_SECONDS * 1000 && range[1] <= now * 1000) {
                    span = Instant.ofEpochMilli((long) range[0]) + " .. " + Instant.ofEpochMilli((long) range[1]);
                    candidate = new Surveyed.TimeColumn(name, type, "to_timestamp(" + ident(name) + " / 1000.0)",
                            score(lower), type + " holding epoch milliseconds (sampled values read as " + span + ")");
                } else {
                    continue;
                }
                if (IDLIKE.matcher(lower).find()) {
                    excluded.add(new Surveyed.TimeColumn(name, type, candidate.expression(), -1, candidate.evidence()
                            + ", but named like an identifier or a count: its values only happen to fall in the"
                            + " epoch range"));
                    continue;
                }
            } else {
                continue;
            }
            if (TOUCHED.matcher(lower).find()) {
                excluded.add(new Surveyed.TimeColumn(name, type, candidate.expression(), -1, candidate.evidence()
                        + ", but '" + name + "' reads like a touched/accessed time: it moves on reads or cache"
                        + " invalidation, not on edits, so its maximum is not the latest edit"));
            } else {
                picked.add(candidate);
            }
        }
        // Highest score first; ties keep the table's column order.
        picked.sort(Comparator.comparingInt(Surveyed.TimeColumn::score).reversed());
    }

    /** Min and max of the first rows' non-null values, or null when the column is empty in them. */
    private static double[] sampleRange(Connection c, String schema, String table, String column) throws SQLException {
        String sql = "SELECT min(v)::float8, max(v)::float8, count(v) FROM (SELECT " + ident(column) + " AS v FROM "
                + ident(schema) + "." + ident(table) + " LIMIT " + EPOCH_SAMPLE_ROWS + ") s";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(3) == 0 ? null : new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
    }

    /** How strongly a column's name says "edit time": edited 3, any time 2, created 1, else 0. */
    static int score(String lowerName) {
        if (EDITED.matcher(lowerName).find()) {
            return 3;
        }
        if (CREATED.matcher(lowerName).find()) {
            return 1;
        }
        return TIMELIKE.matcher(lowerName).find() ? 2 : 0;
    }

    /** An identifier as SQL must spell it: bare when folding to lower case keeps it, else double-quoted. */
    static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name) ? name
                : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
