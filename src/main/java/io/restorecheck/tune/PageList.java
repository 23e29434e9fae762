package io.restorecheck.tune;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.db.ReadOnlyConnections;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The site's pages as URLs, from the configured list query (its {@code title} column) and page path,
 * read in a read-only session. The order is a fixed shuffle: it decides which pages are popular under the
 * Zipf-like draw, and must be the same for every variant and repeat.
 */
final class PageList {
    private static final long POPULARITY_SEED = 20_261_126L;

    private PageList() {
    }

    static List<URI> pages(SiteConfig site) {
        String query = SiteConfigLoader.require(site, site.pages(), "pages").listQuery();
        List<String> titles = new ArrayList<>();
        try (Connection c = ReadOnlyConnections.open(site.database(), "tune")) {
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery(query)) {
                    while (rs.next()) {
                        titles.add(rs.getString("title"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the pages with '" + query + "' on " + site.database().url()
                    + ": " + e.getMessage(), e);
        }
        Collections.sort(titles);
        Collections.shuffle(titles, new Random(POPULARITY_SEED));
        List<URI> pages = new ArrayList<>(titles.size());
        for (String title : titles) {
            pages.add(site.site().pageUrl(title.strip()));
        }
        return pages;
    }
}
