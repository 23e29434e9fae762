package io.restorecheck.load;

import io.restorecheck.config.DatabaseSection;
import io.restorecheck.config.SiteSection;
import io.restorecheck.db.ReadOnlyConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The pages the load visits: the titles the site's {@code pages.list-query} returns (read in a read-only session),
 * a seeded random sample of them when there are more than asked for, turned into paths. The sample's order is
 * its popularity rank.
 */
public final class PageList {
    private PageList() {
    }

    /** Titles from the list query's {@code title} column (or its first column). */
    public static List<String> titles(DatabaseSection db, String listQuery) {
        try (Connection c = ReadOnlyConnections.open(db, "load")) {
            try (Statement s = c.createStatement()) {
                List<String> titles = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(listQuery)) {
                    int column = hasTitle(rs) ? rs.findColumn("title") : 1;
                    while (rs.next()) {
                        String t = rs.getString(column);
                        if (t != null && !t.isBlank()) {
                            titles.add(t);
                        }
                    }
                }
                return titles;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list pages with pages.list-query on " + db.url() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean hasTitle(ResultSet rs) throws SQLException {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if (rs.getMetaData().getColumnLabel(i).equalsIgnoreCase("title")) {
                return true;
            }
        }
        return false;
    }

    /** The seed of the page sample and the popularity draw, shared by accept, bench and tune. */
    public static final long SEED = 20_261_126L;

    /**
     * Every page of the site as a path, in the seeded popularity order (what tune loads: all pages, so a cache too
     * small for the site shows), from {@code pages.list-query} in a read-only session.
     */
    public static List<String> allPaths(io.restorecheck.config.SiteConfig site) {
        io.restorecheck.config.PagesSection pages = io.restorecheck.config.SiteConfigLoader.require(site,
                site.pages(), "pages");
        List<String> titles = titles(site.database(), pages.listQuery());
        return paths(site.site(), sample(titles, titles.size(), SEED));
    }

    /** At most {@code sample} titles, drawn with a fixed seed so runs visit the same pages. */
    public static List<String> sample(List<String> titles, int sample, long seed) {
        List<String> sorted = new ArrayList<>(titles);
        Collections.sort(sorted);
        Collections.shuffle(sorted, new Random(seed));
        return List.copyOf(sorted.subList(0, Math.min(sample, sorted.size())));
    }

    /**
     * The titles' paths as the site serves them ({@code site.page-path}), relative to {@code site.base-url} (which
     * may itself have a path, e.g. http://host/wiki), as Gatling's baseUrl and the warm-up join them.
     */
    public static List<String> paths(SiteSection site, List<String> titles) {
        String base = site.baseUrl().toString().endsWith("/")
                ? site.baseUrl().toString().substring(0, site.baseUrl().toString().length() - 1)
                : site.baseUrl().toString();
        return titles.stream().map(t -> site.pageUrl(t).toString().substring(base.length())).toList();
    }
}
