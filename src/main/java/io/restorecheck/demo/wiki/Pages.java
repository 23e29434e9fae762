package io.restorecheck.demo.wiki;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The wiki's SQL on Sycamore's schema: reading pages and recent edits, saving an edit. */
final class Pages {
    /** A page as curPages holds it. */
    record Page(String title, String text, double editTime, String userEdited) {
    }

    /** One revision row of allPages, as Recent Changes lists it. */
    record Edit(String title, double editTime, String user, String comment) {
    }

    /** What an edit stored. */
    record Saved(String title, double editTime, int revision, boolean created) {
    }

    static final int MAX_NAME_CHARS = 100;

    private Pages() {
    }

    static Optional<Page> current(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT propercased_name, text, editTime, userEdited FROM curPages WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Page(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /** Which of the given stored names have a page: one query, however many links. */
    static Set<String> existing(Connection c, Collection<String> names) throws SQLException {
        Set<String> found = new HashSet<>();
        if (names.isEmpty()) {
            return found;
        }
        Array array = c.createArrayOf("varchar", names.toArray());
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM curPages WHERE name = ANY (?)")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        } finally {
            array.free();
        }
        return found;
    }

    static List<Edit> recent(Connection c, int limit) throws SQLException {
        List<Edit> edits = new ArrayList<>(limit);
        try (PreparedStatement ps = c.prepareStatement("SELECT propercased_name, editTime, userEdited, comment"
                + " FROM allPages ORDER BY editTime DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    edits.add(new Edit(rs.getString(1), rs.getDouble(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return edits;
    }

    /**
     * Pages whose text links here ("what links here"). Like Sycamore it searches the text itself, which no index
     * serves: the costly query of an uncached view, and one reason a wiki without its cache crawls.
     */
    static List<String> backlinks(Connection c, String title, int limit) throws SQLException {
        List<String> titles = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT propercased_name FROM curPages"
                + " WHERE text LIKE ? ESCAPE '!' AND name <> ? ORDER BY name LIMIT ?")) {
            ps.setString(1, "%[[" + title.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            ps.setString(2, Titles.name(title));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    titles.add(rs.getString(1));
                }
            }
        }
        return titles;
    }

    static int revisions(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM allPages WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Saves a new revision in one transaction: a row in allPages and the page's curPages row.
     * The edit time is now in Unix seconds with a microsecond fraction, and strictly after the
     * page's previous edit, so (name, editTime) stays unique even on a clock step back.
     * The caller's connection must have autocommit off.
     */
    static Saved save(Connection c, String title, String text, String user, String comment, String clientIp)
            throws SQLException {
        String name = Titles.name(title);
        try {
            String propercased = Titles.normalize(title);
            double previous = Double.NEGATIVE_INFINITY;
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT editTime, propercased_name FROM curPages WHERE name = ? FOR UPDATE")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                    if (exists) {
                        previous = rs.getDouble(1);
                        propercased = rs.getString(2);
                    }
                }
            }
            Instant now = Instant.now();
            double editTime = Math.max(now.getEpochSecond() + (now.getNano() / 1_000) / 1e6, previous + 1e-6);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO allPages (name, text, editTime, userEdited,"
                    + " edittype, comment, userIP, propercased_name) VALUES (?, ?, ?, ?, ?, ?, ?::inet, ?)")) {
                ps.setString(1, name);
                ps.setString(2, text);
                ps.setDouble(3, editTime);
                ps.setString(4, user);
                ps.setString(5, exists ? "SAVE" : "SAVENEW");
                ps.setString(6, comment);
                ps.setString(7, clientIp);
                ps.setString(8, propercased);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(exists
                    ? "UPDATE curPages SET text = ?, editTime = ?, userEdited = ?, cachedHTML = NULL,"
                            + " cachedTime = NULL WHERE name = ? AND propercased_name = ?"
                    : "INSERT INTO curPages (text, editTime, userEdited, name, propercased_name)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, text);
                ps.setDouble(2, editTime);
                ps.setString(3, user);
                ps.setString(4, name);
                ps.setString(5, propercased);
                ps.executeUpdate();
            }
            int revision = revisions(c, name);
            c.commit();
            return new Saved(propercased, editTime, revision, !exists);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }
}
