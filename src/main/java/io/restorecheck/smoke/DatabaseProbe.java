package io.restorecheck.smoke;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.TableSpec;
import io.restorecheck.db.ReadOnlyConnections;
import io.restorecheck.report.CheckResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code smoke.database} and {@code smoke.archiving} on one read-only session, which also lists the one page the
 * site check fetches. The database answers, is (or, for a standby, is not) out of recovery, is on the timeline
 * the last acceptance run saw, and has the configured tables.
 */
final class DatabaseProbe {
    static final String DATABASE = "smoke.database";
    static final String ARCHIVING = "smoke.archiving";

    /** What one probe found; {@code page} is the database title of the page the site check fetches. */
    record Result(CheckResult database, CheckResult archiving, Optional<String> page, String noPageReason) {
    }

    private DatabaseProbe() {
    }

    static Result probe(SiteConfig site, OptionalInt lastTimeline) {
        long t0 = System.nanoTime();
        String url = site.database().url();
        Connection c;
        try {
            c = ReadOnlyConnections.open(site.database(), "smoke");
        } catch (SQLException e) {
            String why = url + " does not answer: " + Messages.of(e);
            return new Result(CheckResult.failed(DATABASE, "down", "up", null, why),
                    CheckResult.failed(ARCHIVING, "unknown", "on", null, "the database does not answer (" + why
                            + "), so archiving cannot be seen"),
                    Optional.empty(), "the database does not answer");
        }
        try (c; Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, site.smoke().probeTimeout().toSeconds()));
            CheckResult database = database(s, site, lastTimeline, url, t0);
            CheckResult archiving = ArchivingProbe.check(s, site.smoke());
            Optional<String> page = Optional.empty();
            String noPage = "the site config has no pages { list-query = ... }, so no listed page is compared";
            if (site.pages().isPresent()) {
                try {
                    page = firstPage(s, site);
                    noPage = "pages.list-query returned no page";
                } catch (SQLException e) {
                    noPage = "pages.list-query failed: " + Messages.of(e);
                }
            }
            return new Result(database, archiving, page, noPage);
        } catch (SQLException e) {
            String why = url + " answered but a query failed: " + Messages.of(e);
            return new Result(CheckResult.failed(DATABASE, "error", "up", null, why),
                    CheckResult.failed(ARCHIVING, "unknown", "on", null, why), Optional.empty(), why);
        }
    }

    private static CheckResult database(Statement s, SiteConfig site, OptionalInt lastTimeline, String url, long t0)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        String version = string(s, "SELECT current_setting('server_version')");
        boolean inRecovery = "t".equals(string(s, "SELECT pg_is_in_recovery()"));
        boolean standby = site.smoke().standby();
        if (inRecovery && !standby) {
            problems.add("it is in recovery (read-only) although smoke.standby = false: the restore has not been "
                    + "promoted, or this is a standby");
        } else if (!inRecovery && standby) {
            problems.add("it is not in recovery although smoke.standby = true: the standby was promoted");
        }
        int timeline = Integer.parseInt(string(s, inRecovery ? "SELECT timeline_id FROM pg_control_checkpoint()"
                : "SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int"));
        String timelineNote = "timeline " + timeline;
        if (lastTimeline.isPresent()) {
            if (lastTimeline.getAsInt() != timeline) {
                problems.add("it is on timeline " + timeline + " but the last acceptance run saw timeline "
                        + lastTimeline.getAsInt() + ": it was restored or promoted again since then");
            }
            timelineNote += " (the last acceptance run saw " + lastTimeline.getAsInt() + ")";
        }
        List<String> tables = site.integrity().map(i -> i.tables().stream().map(TableSpec::name).toList())
                .orElse(List.of());
        List<String> missing = new ArrayList<>();
        for (String table : tables) {
            // to_regclass follows the search_path and case folding the site's own queries use.
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + table.replace("'", "''") + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    missing.add(table);
                }
            }
        }
        if (!missing.isEmpty()) {
            problems.add("the configured tables " + missing + " do not exist");
        }
        String facts = "PostgreSQL " + version + ", " + (inRecovery ? "in recovery (standby)" : "primary (not in "
                + "recovery)") + ", " + timelineNote + ", " + (tables.isEmpty() ? "no tables configured"
                : (tables.size() - missing.size()) + " of " + tables.size() + " configured tables present") + "; "
                + Messages.millis(t0);
        if (problems.isEmpty()) {
            return CheckResult.passed(DATABASE, "up", "up", null, url + " answers: " + facts);
        }
        return CheckResult.failed(DATABASE, "wrong", "up", null, url + " answers, but " + String.join("; ", problems)
                + " (" + facts + ")");
    }

    /** The first page the list query returns, without reading the rest. */
    private static Optional<String> firstPage(Statement s, SiteConfig site) throws SQLException {
        String list = site.pages().orElseThrow().listQuery().strip().replaceAll(";+$", "");
        String column = site.pages().orElseThrow().title().column();
        try (ResultSet rs = s.executeQuery("SELECT * FROM (" + list + ") AS listed LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.ofNullable(rs.getString(column)).filter(t -> !t.isBlank());
        }
    }

    static String string(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
