package io.restorecheck.integrity;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One pass over one side's table: per key-hash bucket, the row count and the sum of the row hashes, plus the
 * table's latest timestamp. With several sessions the table is cut into disjoint block ranges (a TID range scan,
 * PostgreSQL 14 and later), one per session, all reading one exported snapshot; partial fingerprints add up,
 * since counts and hash sums are sums. Buckets come from a hash of the key, not from key ranges: measured on 10M
 * rows, assigning a row to one of ~1000 key ranges of a text key (width_bucket or a CASE tree) cost 4 to 20 times
 * the scan itself, the key's hash with a hash aggregate under 1 time (docs/time-model.md).
 */
final class SideScan {
    /** Per bucket fingerprints and the latest timestamp of one side. */
    record Result(Map<Long, Fingerprint> buckets, String latest) {
        long rows() {
            return buckets.values().stream().mapToLong(Fingerprint::rows).sum();
        }
    }

    private SideScan() {
    }

    /**
     * The work for each session of {@code sessions} (each already in the shared snapshot): one callable per
     * block range. The caller runs them at once and hands the partials to {@link #merge}.
     */
    static List<Callable<Partial>> tasks(TableShape shape, long mask, List<Connection> sessions, long blocks) {
        List<Callable<Partial>> out = new ArrayList<>();
        int n = sessions.size();
        for (int i = 0; i < n; i++) {
            String range = n == 1 ? "TRUE" : blockRange(i == 0 ? -1 : blocks * i / n,
                    i == n - 1 ? -1 : blocks * (i + 1) / n);
            Connection c = sessions.get(i);
            String sql = "SELECT (" + shape.keyHash() + ") & " + mask + " AS rc_bucket, count(*), sum("
                    + shape.rowHash() + ")::text, (max(max(" + latestExpr(shape) + ")) OVER ())::text, pg_typeof(max("
                    + latestExpr(shape) + "))::text FROM " + shape.qualified() + " t WHERE " + range + " GROUP BY 1";
            out.add(() -> partial(c, sql));
        }
        return out;
    }

    /** {@code ctid >= '(from,0)' AND ctid < '(to,0)'}; -1 leaves that end open (rows appended meanwhile count). */
    static String blockRange(long fromBlock, long toBlock) {
        List<String> terms = new ArrayList<>();
        if (fromBlock >= 0) {
            terms.add("t.ctid >= '(" + fromBlock + ",0)'::tid");
        }
        if (toBlock >= 0) {
            terms.add("t.ctid < '(" + toBlock + ",0)'::tid");
        }
        return terms.isEmpty() ? "TRUE" : String.join(" AND ", terms);
    }

    static String latestExpr(TableShape shape) {
        return shape.spec().timestamp().orElse("NULL::text");
    }

    /** One block range's buckets, its latest timestamp as text and that value's SQL type. */
    record Partial(Map<Long, Fingerprint> buckets, String latest, String latestType) {
    }

    private static Partial partial(Connection c, String sql) throws SQLException {
        Map<Long, Fingerprint> out = new HashMap<>();
        String latest = null;
        String type = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Fingerprint(rs.getLong(2), rs.getString(3)));
                latest = rs.getString(4);
                type = rs.getString(5);
            }
        }
        return new Partial(out, latest, type);
    }

    /**
     * Adds the block ranges' fingerprints bucket by bucket; the latest timestamp is the max of the partial maxima,
     * taken in SQL in the value's own type (text order is not time order, nor number order).
     */
    static Result merge(Connection c, List<Partial> partials) throws SQLException {
        Map<Long, long[]> rows = new HashMap<>();
        Map<Long, BigInteger> sums = new HashMap<>();
        List<String> latest = new ArrayList<>();
        String type = null;
        for (Partial p : partials) {
            for (Map.Entry<Long, Fingerprint> e : p.buckets().entrySet()) {
                rows.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue().rows();
                sums.merge(e.getKey(), new BigInteger(e.getValue().hashSum()), BigInteger::add);
            }
            if (p.latest() != null) {
                latest.add(p.latest());
                type = p.latestType();
            }
        }
        Map<Long, Fingerprint> out = new HashMap<>();
        rows.forEach((b, n) -> out.put(b, new Fingerprint(n[0], sums.get(b).toString())));
        return new Result(out, maxOf(c, latest, type));
    }

    private static String maxOf(Connection c, List<String> values, String type) throws SQLException {
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT max(v::" + type + ")::text FROM unnest(?::text[]) v")) {
            ps.setArray(1, c.createArrayOf("text", values.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
