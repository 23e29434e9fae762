package io.restorecheck.integrity;

import io.restorecheck.config.TableSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compares one table on two servers, restored vs reference: row count and latest timestamp, then fingerprints
 * (count + sum of row hashes) per key-range segment, computed in SQL on both servers at once. Segments that
 * differ are split again around keys read from inside them until few enough rows remain to compare row by row;
 * the result names the missing, extra and changed keys. Keys must be unique and not null (a primary key is).
 */
public final class TableComparison implements AutoCloseable {
    /** Keys named per kind of difference; totals count all. */
    public static final int NAMED_KEYS = 20;
    static final int LEAF_ROWS = 2_000;
    static final int FANOUT = 16;
    static final int MAX_TOP_SEGMENTS = 1024;
    static final long ROWS_PER_TOP_SEGMENT = 10_000;
    private static final int SAMPLES_PER_SEGMENT = 8;
    private static final int MAX_DEPTH = 12;

    /** -Drestorecheck.trace.compare=true prints each two-sided step's time on stderr. */
    private static final boolean TRACE = Boolean.getBoolean("restorecheck.trace.compare");
    private final Connection reference;
    private final Connection restored;
    private final ExecutorService sides = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "restorecheck-compare");
        t.setDaemon(true);
        return t;
    });
    private int segments;

    /** Both sessions should be read-only ({@link ReadOnlySessions}); neither is closed here. */
    public TableComparison(Connection reference, Connection restored) {
        this.reference = reference;
        this.restored = restored;
    }

    public TableResult compare(TableSpec spec) throws SQLException {
        long t0 = System.nanoTime();
        segments = 0;
        Pair<Optional<TableShape>> shapes = both(c -> TableShape.resolve(c, spec));
        boolean timestamped = spec.timestamp().isPresent();
        if (shapes.reference.isEmpty() && shapes.restored.isEmpty()) {
            return new TableResult(spec.name(), spec.key(), -1, -1, null, null, List.of(), 0, List.of(), 0,
                    List.of(), 0, 0, seconds(t0), "table " + spec.name() + " exists on neither the restored server "
                    + "nor the reference: " + whereElse(restored, spec.name()), timestamped, true);
        }
        if (shapes.reference.isEmpty()) {
            Facts res = facts(restored, shapes.restored.get());
            return new TableResult(spec.name(), shapes.restored.get().keyNames(), -1, res.rows, null, res.latest,
                    List.of(), 0, List.of(), res.rows, List.of(), 0, 0, seconds(t0), "table " + spec.name()
                    + " does not exist on the reference (base backup + archive replayed), though the restored server"
                    + " has it (" + res.rows + " rows)", timestamped, false);
        }
        TableShape shape = shapes.reference.get();
        if (shapes.restored.isEmpty()) {
            Facts ref = facts(reference, shape);
            return new TableResult(spec.name(), shape.keyNames(), ref.rows, -1, ref.latest, null, List.of(),
                    ref.rows, List.of(), 0, List.of(), 0, 0, seconds(t0),
                    "table " + spec.name() + " does not exist on the restored server (the reference has "
                            + ref.rows + " rows)", timestamped, false);
        }
        RowDiff diff = new RowDiff(NAMED_KEYS);
        List<Key> top = topBoundaries(shape, estimatedRows(shape));
        // The top level also yields each side's row count and latest timestamp: one scan per side in all.
        Pair<Facts> facts = compareRange(shape, null, null, top, diff, 0);
        List<String> names = shape.keyNames();
        return new TableResult(spec.name(), names, facts.reference.rows, facts.restored.rows, facts.reference.latest,
                facts.restored.latest, describe(diff.missing, names), diff.missingTotal,
                describe(diff.extra, names), diff.extraTotal, describe(diff.changed, names), diff.changedTotal,
                segments, seconds(t0), null, timestamped, false);
    }

    /** The planner's row estimate of the reference, else its exact count; only sizes the top segments. */
    private long estimatedRows(TableShape shape) throws SQLException {
        try (Statement s = reference.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = '" + shape.qualified().replace("'", "''")
                        + "'::regclass")) {
            if (rs.next() && rs.getLong(1) > 0) {
                return rs.getLong(1);
            }
        }
        return facts(reference, shape).rows;
    }

    private record Facts(long rows, String latest) {
    }

    private static Facts facts(Connection c, TableShape shape) throws SQLException {
        String sql = "SELECT count(*), (max(" + latestExpr(shape) + "))::text FROM " + shape.qualified() + " t";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new Facts(rs.getLong(1), rs.getString(2));
        }
    }

    /** The table's edit time expression; a table configured without one has no latest edit (NULL). */
    private static String latestExpr(TableShape shape) {
        return shape.spec().timestamp().orElse("NULL::text");
    }

    /**
     * Why a name resolves on neither server, as far as the restored one tells: its search_path and the schemas
     * that hold a relation of that name. Both sides missing the same table is a configuration problem.
     */
    private static String whereElse(Connection c, String name) {
        String relation = io.restorecheck.config.TableName.relation(name);
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT current_setting('search_path'), "
                + "(SELECT string_agg(format('%I.%I', n.nspname, r.relname), ', ' ORDER BY 1) FROM pg_class r "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE lower(r.relname) = lower(?) "
                + "AND r.relkind IN ('r', 'p', 'v', 'm', 'f'))")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String path = rs.getString(1);
                String found = rs.getString(2);
                return "likely the schema: the restored server's search_path is '" + path + "'"
                        + (found == null ? " and no schema holds a table named " + relation
                        : "; tables of that name: " + found + " (write the name as schema.table, or add "
                        + "?currentSchema=SCHEMA to database.url)") + "; this says nothing about the archive";
            }
        } catch (SQLException e) {
            return "likely the schema or search_path (could not look further: " + e.getMessage() + ")";
        }
    }

    /** Segment boundaries for the whole table from a block sample of the reference's keys. */
    private List<Key> topBoundaries(TableShape shape, long rows) throws SQLException {
        int wanted = (int) Math.min(MAX_TOP_SEGMENTS, Math.max(1, (rows + ROWS_PER_TOP_SEGMENT - 1)
                / ROWS_PER_TOP_SEGMENT));
        if (wanted <= 1) {
            return List.of();
        }
        double percent = Math.min(100.0, 100.0 * wanted * SAMPLES_PER_SEGMENT * 2 / rows);
        List<Key> sample = keys(reference, "SELECT " + shape.keyTextColumns() + " FROM " + shape.qualified()
                + " t TABLESAMPLE SYSTEM (" + percent + ") ORDER BY " + shape.orderBy(), shape);
        List<Key> leading = shape.leadingBoundaries(sample, null, null, 1);
        if (leading.size() >= wanted / 2) {
            return everyNth(leading, Math.max(1, leading.size() / wanted));
        }
        return everyNth(sample, Math.max(1, sample.size() / wanted));
    }

    /** Every n-th key of a sorted list (n-th, 2n-th, ...), without repeats. */
    static List<Key> everyNth(List<Key> sorted, int n) {
        List<Key> out = new ArrayList<>();
        for (int i = n - 1; i < sorted.size(); i += n) {
            Key k = sorted.get(i);
            if (out.isEmpty() || !out.get(out.size() - 1).equals(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private Pair<Facts> compareRange(TableShape shape, Key lo, Key hi, List<Key> boundaries, RowDiff diff,
                                     int depth) throws SQLException {
        String where = shape.range(lo, hi);
        String sql = "SELECT rc_segment, rc_rows, rc_hashes, (max(rc_latest) OVER ())::text FROM (SELECT "
                + shape.segmentExpr(boundaries) + " AS rc_segment, count(*) AS rc_rows, sum(" + shape.rowHash()
                + ")::text AS rc_hashes, max(" + latestExpr(shape) + ") AS rc_latest FROM "
                + shape.qualified() + " t WHERE " + where + " GROUP BY 1) s";
        Pair<Level> level = both(c -> fingerprints(c, sql));
        segments += boundaries.size() + 1;
        Map<Integer, Fingerprint> ref = level.reference.segments;
        Map<Integer, Fingerprint> res = level.restored.segments;
        for (int segment : Fingerprint.mismatched(ref, res)) {
            Key subLo = segment == 0 ? lo : boundaries.get(segment - 1);
            Key subHi = segment == boundaries.size() ? hi : boundaries.get(segment);
            drill(shape, subLo, subHi, ref.getOrDefault(segment, Fingerprint.EMPTY),
                    res.getOrDefault(segment, Fingerprint.EMPTY), diff, depth + 1);
        }
        return new Pair<>(level.reference.facts(), level.restored.facts());
    }

    /** One level's fingerprints on one side, and the range's latest timestamp. */
    private record Level(Map<Integer, Fingerprint> segments, String latest) {
        Facts facts() {
            return new Facts(segments.values().stream().mapToLong(Fingerprint::rows).sum(), latest);
        }
    }

    private void drill(TableShape shape, Key lo, Key hi, Fingerprint ref, Fingerprint res, RowDiff diff, int depth)
            throws SQLException {
        String where = shape.range(lo, hi);
        String firstKeys = "SELECT " + shape.keyTextColumns() + " FROM " + shape.qualified() + " t WHERE " + where
                + " ORDER BY " + shape.orderBy() + " LIMIT " + diff.cap();
        if (ref.rows() == 0) {
            diff.addExtra(keys(restored, firstKeys, shape), res.rows());
        } else if (res.rows() == 0) {
            diff.addMissing(keys(reference, firstKeys, shape), ref.rows());
        } else if (Math.max(ref.rows(), res.rows()) <= LEAF_ROWS || depth >= MAX_DEPTH) {
            String sql = "SELECT " + shape.keyTextColumns() + ", " + shape.rowHash() + " FROM " + shape.qualified()
                    + " t WHERE " + where + " ORDER BY " + shape.orderBy();
            Pair<Map<Key, Long>> rows = both(c -> leafRows(c, sql, shape.keys().size()));
            diff.addLeaf(rows.reference, rows.restored);
        } else {
            boolean refLarger = ref.rows() >= res.rows();
            long step = (Math.max(ref.rows(), res.rows()) + FANOUT - 1) / FANOUT;
            String sql = "SELECT " + shape.keyTextColumns("s") + " FROM (SELECT t.*, row_number() "
                    + "OVER (ORDER BY " + shape.orderBy() + ") AS rc_rn FROM " + shape.qualified() + " t WHERE "
                    + where + ") s WHERE s.rc_rn % " + step + " = 0 ORDER BY s.rc_rn";
            List<Key> sub = keys(refLarger ? reference : restored, sql, shape);
            List<Key> leading = shape.leadingBoundaries(sub, lo, hi, Math.max(1, sub.size() / 2));
            compareRange(shape, lo, hi, leading.isEmpty() ? sub : leading, diff, depth);
        }
    }

    private static Level fingerprints(Connection c, String sql) throws SQLException {
        Map<Integer, Fingerprint> out = new HashMap<>();
        String latest = null;
        // The planner guesses one group per segment expression value and sorts; measured here, that beat forcing
        // hash aggregation from 3M rows up (it parallelises), so the plan is left to the planner.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getInt(1), new Fingerprint(rs.getLong(2), rs.getString(3)));
                latest = rs.getString(4);
            }
        }
        return new Level(out, latest);
    }

    private static Map<Key, Long> leafRows(Connection c, String sql, int keyColumns) throws SQLException {
        Map<Key, Long> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>(keyColumns);
                for (int i = 1; i <= keyColumns; i++) {
                    values.add(rs.getString(i));
                }
                out.put(new Key(values), rs.getLong(keyColumns + 1));
            }
        }
        return out;
    }

    private static List<Key> keys(Connection c, String sql, TableShape shape) throws SQLException {
        List<Key> out = new ArrayList<>();
        int n = shape.keys().size();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    values.add(rs.getString(i));
                }
                out.add(new Key(values));
            }
        }
        return out;
    }

    private static List<String> describe(List<Key> keys, List<String> columns) {
        return keys.stream().map(k -> k.describe(columns)).toList();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    @FunctionalInterface
    private interface Sql<T> {
        T apply(Connection c) throws SQLException;
    }

    private record Pair<T>(T reference, T restored) {
    }

    /** Runs the same work on both servers at once. */
    private <T> Pair<T> both(Sql<T> work) throws SQLException {
        long t0 = System.nanoTime();
        Future<T> ref = sides.submit(() -> work.apply(reference));
        Future<T> res = sides.submit(() -> work.apply(restored));
        try {
            Pair<T> out = new Pair<>(ref.get(), res.get());
            if (TRACE) {
                System.err.printf(java.util.Locale.ROOT, "[compare] %.3f s %s%n", seconds(t0),
                        new Throwable().getStackTrace()[1].getMethodName());
            }
            return out;
        } catch (InterruptedException e) {
            ref.cancel(true);
            res.cancel(true);
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while comparing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException(cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        sides.shutdownNow();
    }
}
