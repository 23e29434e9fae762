package io.restorecheck.suites;

import io.restorecheck.config.IntegritySection;
import io.restorecheck.report.CheckResult;
import io.restorecheck.wal.ArchiveInspector;
import io.restorecheck.wal.ArchiveReport;
import io.restorecheck.wal.CommitsAfter;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The archive checks: continuity of the WAL archive along the timeline being restored, timeline history, and
 * whether the restored server replayed to the end of what the archive holds. The archive is only read.
 */
@DisplayName("archive: WAL continuity, timeline, replay to the end")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ArchiveSuite {
    /** The metric with what the segments say (last commit, gaps, damage); IntegritySuite's recency prefers it. */
    static final String METRIC = "wal";
    private static Optional<IntegritySection> integrity;
    private static ArchiveReport report;
    private static int timeline;
    private static Optional<RestoredEnd> server;
    private static String serverError;
    private static Optional<CommitsAfter> after;

    @BeforeAll
    static void measure() throws IOException {
        SuiteContext ctx = SuiteContext.current();
        integrity = ctx.site().integrity();
        if (integrity.isEmpty()) {
            return;
        }
        ctx.progress().note("reading the WAL archive " + integrity.get().walArchive());
        // A restore never reads WAL before the oldest base backup's start: neither do the checks.
        report = ArchiveInspector.inspect(integrity.get().walArchive(), true);
        try {
            server = Optional.of(RestoredEnd.read(ctx.site().database()));
        } catch (SQLException e) {
            server = Optional.empty();
            serverError = e.getMessage();
        }
        timeline = ArchiveChecks.restoredTimeline(report, server);
        after = Optional.empty();
        if (timeline > 0 && server.isPresent() && server.get().endLsn().isPresent()) {
            after = Optional.of(ArchiveInspector.commitsAfter(integrity.get().walArchive(), timeline,
                    server.get().endLsn().get()));
        }
        ctx.metric(METRIC, ArchiveChecks.metric(report, timeline, server, after));
        ctx.metric(RestoreTimelineMetric.METRIC, RestoreTimelineMetric.of(report, timeline, server, ctx.outageAt(),
                integrity.get().maxDataLoss()));
    }

    @Test
    @Order(1)
    @DisplayName(ArchiveChecks.CONTINUITY)
    void continuity() {
        Checks.report(integrity.isEmpty() ? skipped(ArchiveChecks.CONTINUITY)
                : ArchiveChecks.continuity(report, timeline));
    }

    @Test
    @Order(2)
    @DisplayName(ArchiveChecks.TIMELINE)
    void timeline() {
        Checks.report(integrity.isEmpty() ? skipped(ArchiveChecks.TIMELINE)
                : ArchiveChecks.timeline(report, timeline, server, serverError));
    }

    @Test
    @Order(3)
    @DisplayName(ArchiveChecks.REACHED_END)
    void reachedEnd() {
        if (integrity.isEmpty()) {
            Checks.report(skipped(ArchiveChecks.REACHED_END));
        } else if (server.isEmpty()) {
            Checks.report(CheckResult.broken(ArchiveChecks.REACHED_END, "cannot read the restored server's end of "
                    + "recovery: " + serverError));
        } else if (after.isEmpty()) {
            Checks.report(CheckResult.skipped(ArchiveChecks.REACHED_END, timeline == 0
                    ? "the archive " + report.directory() + " holds no readable segment"
                    : "the restored server (timeline " + server.get().timeline() + ") reports no end of recovery: "
                    + "pg_last_wal_replay_lsn() is null (restarted since promotion?) and its history file is not "
                    + "readable"));
        } else {
            Checks.report(ArchiveChecks.reachedEnd(report, timeline, server.get(), after.get()));
        }
    }

    private static CheckResult skipped(String id) {
        return CheckResult.skipped(id, "no integrity section in the site config: no WAL archive to read");
    }
}
