package io.restorecheck.smoke;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.db.ReadOnlyConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code accept} asks before it starts: do the database and the site answer at all? When either is down,
 * every other check would only break on it, so the run says so in one line instead (a database that answers
 * wrongly, or a site that answers 500, is for the checks to judge, not the preflight).
 */
public final class Preflight {
    private Preflight() {
    }

    /**
     * One line naming what is down and the error, or empty when what the run needs answers.
     *
     * @param siteNeeded whether the chosen suites fetch pages (an integrity-only run does not need the site up)
     */
    public static Optional<String> whyDown(SiteConfig site, boolean siteNeeded) {
        List<String> down = new ArrayList<>();
        try (Connection ignored = ReadOnlyConnections.open(site.database(), "preflight")) {
            // It answers: that is all the preflight asks.
        } catch (SQLException e) {
            down.add("the database " + site.database().url() + " does not answer (" + Messages.of(e) + ")");
        }
        if (siteNeeded) {
            WebProbe.Answer base = new WebProbe(site.smoke().probeTimeout()).get(site.site().baseUrl());
            if (!base.answered()) {
                down.add("the site " + site.site().baseUrl() + " does not answer (" + base.error() + ")");
            }
        }
        return down.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", down));
    }
}
