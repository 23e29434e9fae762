package io.restorecheck.pages;

import io.restorecheck.config.DatabaseSection;
import io.restorecheck.config.PagesSection;
import io.restorecheck.db.ReadOnlyConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the pages to check from the restored database in a read-only session: the list query streamed through
 * a seeded {@link Sampling}, then the most recently edited pages, which are the ones a bad restore gets wrong.
 */
final class PageList {
    private static final int FETCH_ROWS = 500;
    private static final String STATEMENT_TIMEOUT = "5min";

    /** The pages to check, recent ones first, and how many the list query returned. */
    record Listing(List<ListedPage> pages, long listed, int sampled, int recent) {
    }

    private PageList() {
    }

    static Listing read(DatabaseSection database, PagesSection pages) {
        try (Connection c = connect(database)) {
            List<ListedPage> recent = pages.recent() == 0 ? List.of() : recent(c, pages);
            Sampling<ListedPage> sampling = new Sampling<>(pages.seed(), pages.sample());
            query(c, stripped(pages.listQuery()), 0, pages, false, "list-query", sampling::offer);
            Map<String, ListedPage> byTitle = new LinkedHashMap<>();
            recent.forEach(p -> byTitle.putIfAbsent(p.title(), p));
            List<ListedPage> sample = sampling.sample();
            sample.forEach(p -> byTitle.putIfAbsent(p.title(), p));
            c.rollback();
            return new Listing(List.copyOf(byTitle.values()), sampling.offered(), sample.size(), recent.size());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list pages from " + database.url() + ": " + e.getMessage(), e);
        }
    }

    private static List<ListedPage> recent(Connection c, PagesSection pages) throws SQLException {
        List<ListedPage> recent = new ArrayList<>();
        if (pages.recentOrder().isPresent()) {
            query(c, "SELECT * FROM (" + stripped(pages.listQuery()) + ") AS listed ORDER BY "
                    + pages.recentOrder().get() + " LIMIT " + pages.recent(), 0, pages, true, "recent-order",
                    (title, page) -> recent.add(page));
        } else {
            query(c, stripped(pages.recentQuery().orElseThrow()), pages.recent(), pages, true, "recent-query",
                    (title, page) -> recent.add(page));
        }
        return recent;
    }

    private interface Sink {
        void accept(String title, ListedPage page);
    }

    private static void query(Connection c, String sql, int maxRows, PagesSection pages, boolean recent, String key,
                              Sink sink) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setFetchSize(FETCH_ROWS);
            s.setMaxRows(maxRows);
            try (ResultSet rs = s.executeQuery(sql)) {
                int title = column(rs, pages.title().column(), key);
                int text = column(rs, pages.text().column(), key);
                while (rs.next()) {
                    String t = rs.getString(title);
                    if (t != null && !t.isBlank()) {
                        sink.accept(t, new ListedPage(t, rs.getString(text), recent));
                    }
                }
            }
        } catch (SQLException e) {
            throw new SQLException("pages." + key + " failed (" + sql + "): " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static int column(ResultSet rs, String name, String key) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equalsIgnoreCase(name)) {
                return i;
            }
            names.add(meta.getColumnLabel(i));
        }
        throw new SQLException("pages." + key + " returns no column '" + name + "' (it returns " + names
                + "); alias the columns, e.g. SELECT name AS title, body AS text, or set pages.title.column"
                + " / pages.text.column");
    }

    private static String stripped(String sql) {
        return sql.strip().replaceAll(";+$", "");
    }

    /** A read-only session: the harness must never write to the database under test. */
    private static Connection connect(DatabaseSection database) throws SQLException {
        Connection c = ReadOnlyConnections.open(database, "pages");
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '" + STATEMENT_TIMEOUT + "'");
            c.setAutoCommit(false);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
