package io.restorecheck.integrity;

import io.restorecheck.config.TableSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compares one table on two servers, restored vs reference. One pass per side yields the row count, the latest
 * timestamp and, per bucket of the key's hash, a fingerprint (count + sum of row hashes); several sessions per side
 * share that pass over disjoint block ranges ({@link SideScan}). Rows of the buckets that differ are then read from
 * both sides in key-hash order and merged, which names the missing, extra and changed keys with memory bounded by
 * the rows sharing one key hash. Keys must be unique and not null (a primary key is). Read-only: nothing is created
 * on either server.
 */
public final class TableComparison implements AutoCloseable {
    /** Keys named per kind of difference; totals count all. */
    public static final int NAMED_KEYS = 20;
    /** Workers per side when the configuration says nothing: the server's max_parallel_workers, at most this. */
    public static final int MAX_DEFAULT_WORKERS = 8;
    static final long ROWS_PER_BUCKET = 4_096;
    /**
     * Up to this many differing buckets (~260k rows a side), and at most half of all, are read in parallel and
     * held; more are streamed in key-hash order.
     */
    static final int MAX_GATHERED_BUCKETS = 64;
    static final int MAX_BUCKET_BITS = 20;
    /** By default, a block range smaller than this (8 MB) is not worth a session of its own. */
    static final long MIN_BLOCKS_PER_WORKER = 1_024;
    private static final int FETCH_ROWS = 10_000;

    /** -Drestorecheck.trace.compare=true prints each two-sided step's time on stderr. */
    private static final boolean TRACE = Boolean.getBoolean("restorecheck.trace.compare");

    /** Opens one more read-only, comparable session ({@link ReadOnlySessions}) on the same server. */
    @FunctionalInterface
    public interface Sessions {
        Connection open() throws SQLException;
    }

    private final Connection reference;
    private final Connection restored;
    private final Sessions moreReference;
    private final Sessions moreRestored;
    private final OptionalInt workers;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "restorecheck-compare");
        t.setDaemon(true);
        return t;
    });
    private int segments;

    /** One session per side; both should be read-only ({@link ReadOnlySessions}); neither is closed here. */
    public TableComparison(Connection reference, Connection restored) {
        this(reference, restored, null, null, OptionalInt.of(1));
    }

    /**
     * As {@link #TableComparison(Connection, Connection)}, with more sessions per side for the full pass:
     * {@code workers} per side, or when empty each server's max_parallel_workers (at most
     * {@link #MAX_DEFAULT_WORKERS}); one on PostgreSQL 13 (no TID range scan) and on small tables.
     */
    public TableComparison(Connection reference, Connection restored, Sessions moreReference, Sessions moreRestored,
                           OptionalInt workers) {
        this.reference = reference;
        this.restored = restored;
        this.moreReference = moreReference;
        this.moreRestored = moreRestored;
        this.workers = workers;
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
        Pair<Layout> layouts = both(c -> Layout.of(c, shape));
        long mask = bucketMask(Math.max(layouts.reference.estimatedRows(), layouts.restored.estimatedRows()));
        List<Connection> refSessions = new ArrayList<>();
        List<Connection> resSessions = new ArrayList<>();
        Pair<SideScan.Result> scans;
        RowDiff diff = new RowDiff(NAMED_KEYS);
        try {
            sessions(reference, moreReference, workersFor(layouts.reference, moreReference), refSessions);
            sessions(restored, moreRestored, workersFor(layouts.restored, moreRestored), resSessions);
            Pair<List<Connection>> sessions = new Pair<>(refSessions, resSessions);
            scans = scanBoth(shape, mask, layouts, sessions);
            segments = (int) (mask + 1);
            List<Long> differing = Fingerprint.mismatched(scans.reference.buckets(), scans.restored.buckets());
            if (!differing.isEmpty()) {
                segments += differing.size();
                boolean most = differing.size() * 2L > mask + 1;
                if (differing.size() <= MAX_GATHERED_BUCKETS && !most) {
                    gather(shape, mask, differing, layouts, sessions, diff);
                } else {
                    merge(shape, mask, most ? List.of() : differing, diff);
                }
            }
        } finally {
            closeExtra(refSessions, reference);
            closeExtra(resSessions, restored);
        }
        List<String> names = shape.keyNames();
        return new TableResult(spec.name(), names, scans.reference.rows(), scans.restored.rows(),
                scans.reference.latest(), scans.restored.latest(), describe(diff.missing, names), diff.missingTotal,
                describe(diff.extra, names), diff.extraTotal, describe(diff.changed, names), diff.changedTotal,
                segments, seconds(t0), null, timestamped, false);
    }

    /** Buckets of about {@link #ROWS_PER_BUCKET} rows, a power of two: the mask of the key hash's low bits. */
    static long bucketMask(long rows) {
        int bits = 0;
        while (bits < MAX_BUCKET_BITS && (ROWS_PER_BUCKET << bits) < rows) {
            bits++;
        }
        return (1L << bits) - 1;
    }

    /** What sizes the pass on one side: its row estimate, block count, version and parallel workers. */
    private record Layout(long estimatedRows, long blocks, int versionNum, int maxParallelWorkers) {
        static Layout of(Connection c, TableShape shape) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT reltuples::bigint, "
                    + "pg_relation_size(oid) / current_setting('block_size')::bigint, "
                    + "current_setting('server_version_num')::int, current_setting('max_parallel_workers')::int "
                    + "FROM pg_class WHERE oid = '" + shape.qualified().replace("'", "''") + "'::regclass")) {
                rs.next();
                long blocks = rs.getLong(2);
                // Never analysed (-1, or 0 before 14): a guess from the size, which only sizes the buckets.
                long rows = rs.getLong(1) > 0 ? rs.getLong(1) : blocks * 60;
                return new Layout(rows, blocks, rs.getInt(3), rs.getInt(4));
            }
        }
    }

    private int workersFor(Layout layout, Sessions more) {
        if (more == null || layout.versionNum() < 140_000) {
            return 1;
        }
        if (workers.isPresent()) {
            return (int) Math.max(1, Math.min(workers.getAsInt(), layout.blocks()));
        }
        int wanted = Math.min(MAX_DEFAULT_WORKERS, layout.maxParallelWorkers());
        return (int) Math.max(1, Math.min(wanted, layout.blocks() / MIN_BLOCKS_PER_WORKER));
    }

    /** Both sides' full pass at once, each on its own sessions in one snapshot per side. */
    private Pair<SideScan.Result> scanBoth(TableShape shape, long mask, Pair<Layout> layouts,
                                           Pair<List<Connection>> sessions) throws SQLException {
        long t0 = System.nanoTime();
        List<Future<SideScan.Partial>> ref = submitAll(SideScan.tasks(shape, mask, sessions.reference,
                layouts.reference.blocks()));
        List<Future<SideScan.Partial>> res = submitAll(SideScan.tasks(shape, mask, sessions.restored,
                layouts.restored.blocks()));
        Pair<SideScan.Result> out = new Pair<>(SideScan.merge(reference, await(ref)),
                SideScan.merge(restored, await(res)));
        if (TRACE) {
            System.err.printf(java.util.Locale.ROOT, "[compare] %.3f s full pass, %d + %d sessions, %d buckets%n",
                    seconds(t0), sessions.reference.size(), sessions.restored.size(), mask + 1);
        }
        return out;
    }

    /**
     * Few buckets differ: their rows (about {@link #ROWS_PER_BUCKET} each) are read by the same sessions over the
     * same block ranges and in the same snapshot as the full pass, held in memory, and merged by key hash.
     */
    private void gather(TableShape shape, long mask, List<Long> buckets, Pair<Layout> layouts,
                        Pair<List<Connection>> sessions, RowDiff diff) throws SQLException {
        long t0 = System.nanoTime();
        int n = shape.keys().size();
        List<Future<List<Row>>> ref = submitAll(gatherTasks(shape, mask, buckets, sessions.reference,
                layouts.reference.blocks()));
        List<Future<List<Row>>> res = submitAll(gatherTasks(shape, mask, buckets, sessions.restored,
                layouts.restored.blocks()));
        List<Row> refRows = await(ref).stream().flatMap(List::stream).sorted(BY_KEY_HASH).toList();
        List<Row> resRows = await(res).stream().flatMap(List::stream).sorted(BY_KEY_HASH).toList();
        java.util.Iterator<Row> a = refRows.iterator();
        java.util.Iterator<Row> b = resRows.iterator();
        mergeSorted(() -> a.hasNext() ? a.next() : null, () -> b.hasNext() ? b.next() : null, diff);
        if (TRACE) {
            System.err.printf(java.util.Locale.ROOT, "[compare] %.3f s gathered %d + %d rows of %d buckets (%d key "
                    + "columns)%n", seconds(t0), refRows.size(), resRows.size(), buckets.size(), n);
        }
    }

    private List<java.util.concurrent.Callable<List<Row>>> gatherTasks(TableShape shape, long mask,
                                                                        List<Long> buckets, List<Connection> on,
                                                                        long blocks) {
        List<java.util.concurrent.Callable<List<Row>>> out = new ArrayList<>();
        int w = on.size();
        int n = shape.keys().size();
        for (int i = 0; i < w; i++) {
            String range = w == 1 ? "TRUE" : SideScan.blockRange(i == 0 ? -1 : blocks * i / w,
                    i == w - 1 ? -1 : blocks * (i + 1) / w);
            String sql = rowsSql(shape, mask, true) + " AND " + range.replace("t.ctid", "s.rc_ctid");
            Connection c = on.get(i);
            out.add(() -> {
                List<Row> rows = new ArrayList<>();
                try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setArray(1, c.createArrayOf("int8", buckets.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        for (Row r = Row.next(rs, n); r != null; r = Row.next(rs, n)) {
                            rows.add(r);
                        }
                    }
                }
                return rows;
            });
        }
        return out;
    }

    /** The key hash, key columns as text and row hash of the rows, of the buckets in parameter 1 if filtered. */
    private static String rowsSql(TableShape shape, long mask, boolean filtered) {
        return "SELECT rc_kh, " + keyColumns(shape.keys().size()) + ", rc_h FROM (SELECT (" + shape.keyHash()
                + ") AS rc_kh, " + keyColumns(shape) + ", (" + shape.rowHash() + ") AS rc_h, t.ctid AS rc_ctid FROM "
                + shape.qualified() + " t) s" + (filtered ? " WHERE (rc_kh & " + mask + ") = ANY(?)" : "");
    }

    private static final java.util.Comparator<Row> BY_KEY_HASH = java.util.Comparator.comparingLong(Row::kh);

    /** The next row of a side in key-hash order, null at the end. */
    @FunctionalInterface
    private interface RowSource {
        Row next() throws SQLException;
    }

    /** Merges two sides in key-hash order: rows sharing a key hash are matched by key, then by row hash. */
    private static void mergeSorted(RowSource ref, RowSource res, RowDiff diff) throws SQLException {
        Row a = ref.next();
        Row b = res.next();
        while (a != null || b != null) {
            long kh = a == null ? b.kh : b == null ? a.kh : Math.min(a.kh, b.kh);
            Map<Key, Long> refRows = new LinkedHashMap<>();
            Map<Key, Long> resRows = new LinkedHashMap<>();
            for (; a != null && a.kh == kh; a = ref.next()) {
                refRows.put(a.key, a.hash);
            }
            for (; b != null && b.kh == kh; b = res.next()) {
                resRows.put(b.key, b.hash);
            }
            diff.addLeaf(refRows, resRows);
        }
    }

    /**
     * The sessions of one side's pass: the given one alone, or {@code n} new ones sharing the first one's exported
     * snapshot, so that the block ranges add up to one consistent table. Each runs its range single-threaded;
     * with one session PostgreSQL's own parallel query may split the scan instead.
     */
    private void sessions(Connection given, Sessions more, int n, List<Connection> out) throws SQLException {
        if (n > 1) {
            try {
                extraSessions(more, n, out);
                return;
            } catch (SQLException e) {
                // E.g. max_connections reached on a busy restored server: one session still compares, slower.
                closeExtra(out, given);
                out.clear();
            }
        }
        out.add(given);
        hashAggregate(given, true);
    }

    private void extraSessions(Sessions more, int n, List<Connection> out) throws SQLException {
        // Opened at once: one by one, 16 logins cost seconds on a busy host (measured: 3 s of a 5 s compare).
        List<Future<Connection>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opening.add(pool.submit(more::open));
        }
        SQLException failed = null;
        for (Future<Connection> f : opening) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = new SQLException("interrupted while opening sessions", e);
            } catch (ExecutionException e) {
                failed = sqlCause(e);
            }
        }
        if (failed != null) {
            throw failed;
        }
        String snapshot = null;
        for (Connection c : out) {
            try (Statement s = c.createStatement()) {
                s.execute("SET max_parallel_workers_per_gather = 0");
                hashAggregate(c, true);
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                if (snapshot == null) {
                    try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                        rs.next();
                        snapshot = rs.getString(1);
                    }
                } else {
                    s.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'");
                }
            }
        }
    }

    /**
     * The planner cannot know the bucket expression has at most mask + 1 values and guesses one group per row:
     * it then sorts the whole table (measured: 66 s against 5 s hashed, on 10M rows), so sorting is disabled for
     * the pass.
     */
    private static void hashAggregate(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(on ? "SET enable_sort = off" : "RESET enable_sort");
        }
    }

    private static void closeExtra(List<Connection> sessions, Connection given) {
        for (Connection c : sessions) {
            try {
                if (c == given) {
                    hashAggregate(c, false);
                } else {
                    c.close();
                }
            } catch (SQLException e) {
                // A session that cannot be reset or closed has failed already; the pass reported that.
            }
        }
    }

    private <T> List<Future<T>> submitAll(List<java.util.concurrent.Callable<T>> tasks) {
        return tasks.stream().map(pool::submit).toList();
    }

    private static <T> List<T> await(List<Future<T>> futures) throws SQLException {
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while comparing", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw sqlCause(e);
        }
    }

    /**
     * Reads the rows of the differing buckets (all rows when {@code buckets} is empty) from both sides, ordered by
     * key hash, and merges the two streams: rows that share a key hash are compared by key, then by row hash.
     */
    private void merge(TableShape shape, long mask, List<Long> buckets, RowDiff diff) throws SQLException {
        int n = shape.keys().size();
        String sql = rowsSql(shape, mask, !buckets.isEmpty()) + " ORDER BY rc_kh";
        boolean refAuto = reference.getAutoCommit();
        boolean resAuto = restored.getAutoCommit();
        try {
            Pair<ResultSet> rows = both(c -> stream(c, sql, buckets));
            try (ResultSet ref = rows.reference; ResultSet res = rows.restored) {
                mergeSorted(() -> Row.next(ref, n), () -> Row.next(res, n), diff);
            }
        } finally {
            endStream(reference, refAuto);
            endStream(restored, resAuto);
        }
    }

    private static String keyColumns(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("s.rc_k" + i);
        }
        return String.join(", ", out);
    }

    /** The key columns as text (the server's own output, which round-trips), named rc_k0, rc_k1... */
    private static String keyColumns(TableShape shape) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < shape.keys().size(); i++) {
            out.add("t." + shape.keys().get(i).quoted() + "::text AS rc_k" + i);
        }
        return String.join(", ", out);
    }

    /** A cursor (fetch size needs a transaction in pgjdbc) over the ordered rows of one side. */
    private static ResultSet stream(Connection c, String sql, List<Long> buckets) throws SQLException {
        c.setAutoCommit(false);
        java.sql.PreparedStatement ps = c.prepareStatement(sql);
        ps.setFetchSize(FETCH_ROWS);
        if (!buckets.isEmpty()) {
            ps.setArray(1, c.createArrayOf("int8", buckets.toArray()));
        }
        ps.closeOnCompletion();
        return ps.executeQuery();
    }

    private static void endStream(Connection c, boolean autoCommit) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // The session failed; the merge reported why.
        }
    }

    /** One row of the merge: its key hash, key and row hash. */
    private record Row(long kh, Key key, long hash) {
        static Row next(ResultSet rs, int keyColumns) throws SQLException {
            if (!rs.next()) {
                return null;
            }
            List<String> values = new ArrayList<>(keyColumns);
            for (int i = 2; i <= keyColumns + 1; i++) {
                values.add(rs.getString(i));
            }
            return new Row(rs.getLong(1), new Key(values), rs.getLong(keyColumns + 2));
        }
    }

    private record Facts(long rows, String latest) {
    }

    private static Facts facts(Connection c, TableShape shape) throws SQLException {
        String sql = "SELECT count(*), (max(" + SideScan.latestExpr(shape) + "))::text FROM " + shape.qualified()
                + " t";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new Facts(rs.getLong(1), rs.getString(2));
        }
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
        Future<T> ref = pool.submit(() -> work.apply(reference));
        Future<T> res = pool.submit(() -> work.apply(restored));
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
            ref.cancel(true);
            res.cancel(true);
            throw sqlCause(e);
        }
    }

    private static SQLException sqlCause(ExecutionException e) {
        Throwable cause = e.getCause();
        return cause instanceof SQLException sql ? sql : new SQLException(cause.getMessage(), cause);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
