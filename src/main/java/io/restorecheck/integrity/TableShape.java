package io.restorecheck.integrity;

import io.restorecheck.config.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A configured table resolved against the server's catalog: its quoted qualified name and key columns with their
 * types, and the SQL fragments the comparison needs. Text keys compare in the "C" collation so that both servers
 * order them byte-wise, whatever the collation libraries of their hosts.
 */
final class TableShape {
    record KeyColumn(String name, String quoted, String type, boolean collatable) {
    }

    private final TableSpec spec;
    private final String qualified;
    private final List<KeyColumn> keys;

    private TableShape(TableSpec spec, String qualified, List<KeyColumn> keys) {
        this.spec = spec;
        this.qualified = qualified;
        this.keys = List.copyOf(keys);
    }

    static TableShape of(TableSpec spec, String qualified, List<KeyColumn> keys) {
        return new TableShape(spec, qualified, keys);
    }

    /**
     * Finds the table as SQL would resolve the configured name unquoted (folded to lower case), else with its
     * exact case; key columns likewise.
     */
    static Optional<TableShape> resolve(Connection c, TableSpec spec) throws SQLException {
        Long oid = null;
        String qualified = null;
        for (String candidate : List.of(spec.name(), quoteIdent(spec.name()))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.oid, format('%I.%I', n.nspname, c.relname) "
                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
                ps.setString(1, candidate);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        oid = rs.getLong(1);
                        qualified = rs.getString(2);
                        break;
                    }
                }
            }
        }
        if (oid == null) {
            return Optional.empty();
        }
        List<KeyColumn> keys = new ArrayList<>();
        for (String column : spec.key()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                    + "t.typcollation <> 0 FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                    + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped "
                    + "AND (a.attname = ? OR a.attname = lower(?)) ORDER BY a.attname = ? DESC LIMIT 1")) {
                ps.setLong(1, oid);
                ps.setString(2, column);
                ps.setString(3, column);
                ps.setString(4, column);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("table " + qualified + " has no key column " + column);
                    }
                    keys.add(new KeyColumn(rs.getString(1), quoteIdent(rs.getString(1)), rs.getString(2),
                            rs.getBoolean(3)));
                }
            }
        }
        return Optional.of(new TableShape(spec, qualified, keys));
    }

    TableSpec spec() {
        return spec;
    }

    String qualified() {
        return qualified;
    }

    List<KeyColumn> keys() {
        return keys;
    }

    List<String> keyNames() {
        return keys.stream().map(KeyColumn::name).toList();
    }

    /** The key as one comparable value: a column, or a row constructor for composite keys. */
    String keyExpr() {
        List<String> parts = keys.stream().map(k -> "t." + k.quoted() + (k.collatable() ? " COLLATE \"C\"" : ""))
                .toList();
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }

    /** The key columns as text, for reading keys back. */
    String keyTextColumns() {
        return keyTextColumns("t");
    }

    String keyTextColumns(String alias) {
        return String.join(", ", keys.stream().map(k -> alias + "." + k.quoted() + "::text").toList());
    }

    String orderBy() {
        return String.join(", ", keys.stream().map(k -> "t." + k.quoted() + (k.collatable() ? " COLLATE \"C\"" : ""))
                .toList());
    }

    /** A key as a literal of the key's type, comparable with {@link #keyExpr()}. */
    String literal(Key key) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            KeyColumn k = keys.get(i);
            parts.add(quoteLiteral(key.values().get(i)) + "::" + k.type() + (k.collatable() ? " COLLATE \"C\"" : ""));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }

    /** {@code lo <= key < hi}, either bound open when null; "TRUE" for the whole table. */
    String range(Key lo, Key hi) {
        List<String> terms = new ArrayList<>();
        if (lo != null) {
            terms.add(keyExpr() + " >= " + literal(lo));
        }
        if (hi != null) {
            terms.add(keyExpr() + " < " + literal(hi));
        }
        return terms.isEmpty() ? "TRUE" : String.join(" AND ", terms);
    }

    /**
     * The segment number of a row: a binary search over the sorted boundaries as nested CASEs, so each row costs
     * log2(segments) comparisons whatever the key's type or arity. Segment i holds boundary[i-1] <= key <
     * boundary[i]; segment 0 and the last are open-ended.
     */
    String segmentExpr(List<Key> boundaries) {
        return bucket(boundaries, 0, boundaries.size());
    }

    private String bucket(List<Key> boundaries, int lo, int hi) {
        if (lo == hi) {
            return Integer.toString(lo);
        }
        int mid = (lo + hi + 1) / 2;
        return "CASE WHEN " + keyExpr() + " < " + literal(boundaries.get(mid - 1)) + " THEN " + bucket(boundaries, lo,
                mid - 1) + " ELSE " + bucket(boundaries, mid, hi) + " END";
    }

    static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String value) {
        if (value.indexOf('\\') >= 0) {
            return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
