package io.restorecheck.drill;

import io.restorecheck.config.DrillSection;
import io.restorecheck.report.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * amcheck on the drill copy: {@code verify_heapam} on every table, materialized view and TOAST table (PostgreSQL
 * 14 and later) and {@code bt_index_check} with {@code heapallindexed} on every valid B-tree index, of the site
 * database or of the configured tables (with their indexes and TOAST). Stops at the time budget and says what it
 * did not reach. A corrupt page is named by relation and block: from verify_heapam's rows, or from the error a
 * page that cannot even be read raises ({@code invalid page in block N of relation ...}).
 */
final class Amcheck {
    private static final int SHOWN = 8;
    private static final Pattern INVALID_PAGE = Pattern.compile("block (\\d+) of relation (\\S+)");

    /** Relations and blocks checked, corruption found (named), and what the budget left out. */
    record Result(int relations, int relationsTotal, long blocks, long blocksTotal, List<String> corruption,
                  int heapChecked, int indexesChecked, boolean heapCheckAvailable, double seconds) {
        boolean complete() {
            return relations == relationsTotal;
        }
    }

    private record Relation(long oid, String name, char kind, long blocks) {
    }

    private Amcheck() {
    }

    static Result run(Connection su, DrillSection.Amcheck config, int major, Progress progress) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement s = su.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
            s.execute("SET statement_timeout = 0");
        }
        boolean heap = major >= 14;
        List<Relation> relations = relations(su, config.relations());
        long blocksTotal = relations.stream().mapToLong(Relation::blocks).sum();
        List<String> corruption = new ArrayList<>();
        int done = 0;
        int heapChecked = 0;
        int indexes = 0;
        long blocks = 0;
        long deadline = t0 + config.maxTime().toNanos();
        Progress.Activity activity = progress.activity("drill: amcheck");
        for (Relation r : relations) {
            if (System.nanoTime() > deadline) {
                break;
            }
            activity.update(String.format(Locale.ROOT, "%d/%d relations, %d/%d blocks, %s", done, relations.size(),
                    blocks, blocksTotal, r.name));
            if (r.kind == 'i') {
                checkIndex(su, r, config.heapAllIndexed(), corruption);
                indexes++;
            } else if (heap) {
                checkHeap(su, r, corruption);
                heapChecked++;
            }
            done++;
            blocks += r.blocks;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        activity.done(done + " of " + relations.size() + " relations, " + blocks + " blocks, "
                + (corruption.isEmpty() ? "no corruption" : corruption.size() + " finding(s)"));
        return new Result(done, relations.size(), blocks, blocksTotal, corruption, heapChecked, indexes, heap,
                seconds);
    }

    private static List<Relation> relations(Connection su, List<String> subset) throws SQLException {
        // Tables, materialized views, their TOAST tables, and valid B-tree indexes on any of them.
        String sql = "WITH t AS (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'm') AND c.relpersistence = 'p' "
                + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                + "AND (cardinality(?::text[]) = 0 OR lower(c.relname) = ANY(?::text[]) "
                + "OR lower(n.nspname || '.' || c.relname) = ANY(?::text[]))), "
                + "h AS (SELECT oid FROM t UNION SELECT c.reltoastrelid FROM pg_class c JOIN t USING (oid) "
                + "WHERE c.reltoastrelid <> 0) "
                + "SELECT c.oid, n.nspname || '.' || c.relname, c.relkind::text, "
                + "pg_relation_size(c.oid) / current_setting('block_size')::int "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid IN (SELECT oid FROM h) "
                + "UNION ALL SELECT c.oid, n.nspname || '.' || c.relname, 'i', "
                + "pg_relation_size(c.oid) / current_setting('block_size')::int FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'btree' AND i.indisvalid AND i.indisready "
                + "AND i.indrelid IN (SELECT oid FROM h) ORDER BY 3 DESC, 2";
        List<String> lower = subset.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        List<Relation> out = new ArrayList<>();
        try (PreparedStatement ps = su.prepareStatement(sql)) {
            java.sql.Array a = su.createArrayOf("text", lower.toArray());
            ps.setArray(1, a);
            ps.setArray(2, a);
            ps.setArray(3, a);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Relation(rs.getLong(1), rs.getString(2), rs.getString(3).charAt(0), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    private static void checkHeap(Connection su, Relation r, List<String> corruption) {
        try (PreparedStatement ps = su.prepareStatement(
                "SELECT blkno, offnum, attnum, msg FROM verify_heapam(?::oid::regclass, on_error_stop => false)")) {
            ps.setLong(1, r.oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (corruption.size() < SHOWN) {
                        corruption.add(r.name + " block " + rs.getLong(1) + (rs.getObject(2) == null ? ""
                                : " offset " + rs.getInt(2)) + ": " + rs.getString(4));
                    } else if (corruption.size() == SHOWN) {
                        corruption.add("...");
                    }
                }
            }
        } catch (SQLException e) {
            corruption.add(readError(r, e));
        }
    }

    private static void checkIndex(Connection su, Relation r, boolean heapAllIndexed, List<String> corruption) {
        try (PreparedStatement ps = su.prepareStatement("SELECT bt_index_check(?::oid::regclass, ?)")) {
            ps.setLong(1, r.oid);
            ps.setBoolean(2, heapAllIndexed);
            ps.execute();
        } catch (SQLException e) {
            corruption.add(readError(r, e));
        }
    }

    /** An error raised while checking is itself a finding: a page that cannot be read names its block. */
    private static String readError(Relation r, SQLException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage().replaceFirst("^ERROR: ", "");
        Matcher m = INVALID_PAGE.matcher(msg);
        // An index check reads the heap too (heapallindexed): the block the error names may be the table's.
        String where = m.find() && r.kind != 'i' ? " block " + m.group(1) + " (" + m.group(2) + ")" : "";
        return r.name + where + ": " + msg.lines().findFirst().orElse(msg);
    }
}
