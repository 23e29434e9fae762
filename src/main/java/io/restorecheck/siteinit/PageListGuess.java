package io.restorecheck.siteinit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which table holds the site's pages: the text column whose values match the most page names taken from the site's
 * links (as spelt in URLs, or with underscores read as spaces, as wikis do), preferring the table with the fewest
 * rows among equals (current pages, not every revision). The page text is that table's longest text column.
 */
final class PageListGuess {
    private static final String TEXT_TYPES = "('text', 'varchar', 'bpchar', 'citext', 'name')";
    /**
     * Tables larger than this are not searched for page names: each search is a scan, and the table listing one row
     * per page is small next to the revisions' text.
     */
    static final long MAX_SEARCHED_BYTES = 2L << 30;

    /**
     * @param underscores the database spells names with underscores where pages show spaces
     * @param matched     how many of the linked names were found
     * @param alternatives other table.column pairs that matched, with their counts
     */
    record Guess(Surveyed.Table table, String titleColumn, String textColumn, boolean underscores, int matched,
                 int looked, List<String> alternatives) {
        Guess {
            alternatives = List.copyOf(alternatives);
        }

        String qualifiedTable() {
            return SchemaSurvey.ident(table.schema()) + "." + SchemaSurvey.ident(table.name());
        }

        String sqlTable() {
            return table.resolvesUnqualified() ? SchemaSurvey.ident(table.name()) : qualifiedTable();
        }
    }

    private PageListGuess() {
    }

    static Optional<Guess> guess(Connection c, Surveyed survey, List<String> names) throws SQLException {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Set<String> spaced = new LinkedHashSet<>();
        for (String n : names) {
            spaced.add(n.replace('_', ' '));
        }
        List<Guess> found = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '20s'"); // a survey, not a scan of a huge table
        }
        for (Surveyed.Table t : survey.tables()) {
            if (t.totalBytes() > MAX_SEARCHED_BYTES) {
                continue;
            }
            for (String column : textColumns(c, t)) {
                String from = SchemaSurvey.ident(t.schema()) + "." + SchemaSurvey.ident(t.name());
                int asIs = matches(c, from, column, names);
                int asSpaces = spaced.equals(new LinkedHashSet<>(names)) ? asIs : matches(c, from, column,
                        List.copyOf(spaced));
                int best = Math.max(asIs, asSpaces);
                if (best > 0) {
                    found.add(new Guess(t, column, null, asIs > asSpaces, best, names.size(), List.of()));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 0");
        }
        found.sort(java.util.Comparator.comparingInt(Guess::matched).reversed()
                .thenComparingLong(g -> g.table().rowEstimate() < 0 ? Long.MAX_VALUE : g.table().rowEstimate()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Guess top = found.get(0);
        List<String> others = found.stream().skip(1).limit(5).map(g -> g.table().configName() + "." + g.titleColumn()
                + " (" + g.matched() + " of " + g.looked() + ")").toList();
        Optional<String> text = longestText(c, top.table(), top.titleColumn());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Guess(top.table(), top.titleColumn(), text.get(), top.underscores(), top.matched(),
                top.looked(), others));
    }

    private static List<String> textColumns(Connection c, Surveyed.Table t) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_attribute a JOIN pg_type ty ON "
                + "ty.oid = a.atttypid WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped "
                + "AND ty.typname IN " + TEXT_TYPES + " ORDER BY a.attnum")) {
            ps.setString(1, SchemaSurvey.ident(t.schema()) + "." + SchemaSurvey.ident(t.name()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static int matches(Connection c, String from, String column, List<String> names) throws SQLException {
        String sql = "SELECT count(DISTINCT " + SchemaSurvey.ident(column) + ") FROM " + from + " WHERE "
                + SchemaSurvey.ident(column) + "::text = ANY(?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                return 0; // cancelled by the statement timeout: too big to survey, and too big to be the page list
            }
            throw e;
        }
    }

    private static Optional<String> longestText(Connection c, Surveyed.Table t, String titleColumn)
            throws SQLException {
        String best = null;
        double bestLength = -1;
        String from = SchemaSurvey.ident(t.schema()) + "." + SchemaSurvey.ident(t.name());
        for (String column : textColumns(c, t)) {
            if (column.equals(titleColumn) || column.toLowerCase(java.util.Locale.ROOT).contains("cache")) {
                continue; // a cached rendering is not the text the page is made from
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(avg(length(v)), 0) "
                    + "FROM (SELECT " + SchemaSurvey.ident(column) + "::text AS v FROM " + from + " LIMIT 200) s")) {
                rs.next();
                double length = rs.getDouble(1);
                if (length > bestLength) {
                    bestLength = length;
                    best = column;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The title and text the database holds for one page name, if the guessed table has it. */
    static Optional<String[]> row(Connection c, Guess g, String urlName) throws SQLException {
        String name = g.underscores() ? urlName : urlName.replace('_', ' ');
        String sql = "SELECT " + SchemaSurvey.ident(g.titleColumn()) + "::text, " + SchemaSurvey.ident(g.textColumn())
                + "::text FROM " + g.qualifiedTable() + " WHERE " + SchemaSurvey.ident(g.titleColumn())
                + "::text = ? LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    /** A sample of the text column, to tell wiki markup, HTML and plain text apart. */
    static List<String> sampleTexts(Connection c, Guess g, int rows) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT "
                + SchemaSurvey.ident(g.textColumn()) + "::text FROM " + g.qualifiedTable() + " LIMIT " + rows)) {
            while (rs.next()) {
                if (rs.getString(1) != null) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
