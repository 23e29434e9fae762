package io.restorecheck.integrity;

import io.restorecheck.config.IntegritySection;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.wal.ArchiveInspector;
import io.restorecheck.wal.ArchiveReport;
import io.restorecheck.wal.CommitsAfter;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures the three archive checks of one site once: what the WAL archive holds (read straight from the
 * segments), where the restored server's replay ended (read-only SQL), and the commits in the archive beyond that
 * end. The archive is only read. The suite asks {@link #result} per check; the next suites get the archive's last
 * commit as a typed value ({@link #lastCommit}), and the report gets {@link #metric} derived from the same facts.
 */
public final class ArchiveRun {
    public static final List<String> CHECKS = List.of(ArchiveChecks.CONTINUITY, ArchiveChecks.TIMELINE,
            ArchiveChecks.REACHED_END);

    private final Optional<IntegritySection> integrity;
    private final ArchiveReport report;
    private final int timeline;
    private final Optional<RestoredEnd> server;
    private final String serverError;
    private final Optional<CommitsAfter> after;

    private ArchiveRun(Optional<IntegritySection> integrity, ArchiveReport report, int timeline,
                       Optional<RestoredEnd> server, String serverError, Optional<CommitsAfter> after) {
        this.integrity = integrity;
        this.report = report;
        this.timeline = timeline;
        this.server = server;
        this.serverError = serverError;
        this.after = after;
    }

    /** @throws IOException when the archive folder itself cannot be read (the checks are then broken by the caller) */
    public static ArchiveRun measure(SiteConfig site, Progress progress) throws IOException {
        Optional<IntegritySection> integrity = site.integrity();
        if (integrity.isEmpty()) {
            return new ArchiveRun(integrity, null, 0, Optional.empty(), null, Optional.empty());
        }
        progress.note("reading the WAL archive " + integrity.get().walArchive());
        // A restore never reads WAL before the oldest base backup's start: neither do the checks.
        ArchiveReport report = ArchiveInspector.inspect(integrity.get().walArchive(), true);
        Optional<RestoredEnd> server;
        String serverError = null;
        try {
            server = Optional.of(RestoredEnd.read(site.database()));
        } catch (SQLException e) {
            server = Optional.empty();
            serverError = e.getMessage();
        }
        int timeline = ArchiveChecks.restoredTimeline(report, server);
        Optional<CommitsAfter> after = Optional.empty();
        if (timeline > 0 && server.isPresent() && server.get().endLsn().isPresent()) {
            after = Optional.of(ArchiveInspector.commitsAfter(integrity.get().walArchive(), timeline,
                    server.get().endLsn().get()));
        }
        return new ArchiveRun(integrity, report, timeline, server, serverError, after);
    }

    public CheckResult result(String check) {
        if (integrity.isEmpty()) {
            return CheckResult.skipped(check, "no integrity section in the site config: no WAL archive to read");
        }
        return switch (check) {
            case ArchiveChecks.CONTINUITY -> ArchiveChecks.continuity(report, timeline);
            case ArchiveChecks.TIMELINE -> ArchiveChecks.timeline(report, timeline, server, serverError);
            case ArchiveChecks.REACHED_END -> reachedEnd();
            default -> CheckResult.broken(check, "not an archive check");
        };
    }

    private CheckResult reachedEnd() {
        if (server.isEmpty()) {
            return CheckResult.broken(ArchiveChecks.REACHED_END, "cannot read the restored server's end of recovery: "
                    + serverError);
        }
        if (after.isEmpty()) {
            return CheckResult.skipped(ArchiveChecks.REACHED_END, timeline == 0
                    ? "the archive " + report.directory() + " holds no readable segment"
                    : "the restored server (timeline " + server.get().timeline() + ") reports no end of recovery: "
                    + "pg_last_wal_replay_lsn() is null (restarted since promotion?) and its history file is not "
                    + "readable");
        }
        return ArchiveChecks.reachedEnd(report, timeline, server.get(), after.get());
    }

    /** The archive's last commit on the timeline being restored, as read from the segments (for recency). */
    public Optional<Recency.LastCommit> lastCommit() {
        if (integrity.isEmpty()) {
            return Optional.empty();
        }
        return report.lastCommit(timeline).map(c -> new Recency.LastCommit(c.time(), "read from the archive's segments"));
    }

    /** What the archive holds, as read from the segments; empty without an integrity section. */
    public Optional<ArchiveReport> report() {
        return Optional.ofNullable(report);
    }

    /** The archive timeline the restore follows (0 when none is readable). */
    public int timeline() {
        return timeline;
    }

    /** Where the restored server's replay ended; empty when it could not be read (or no integrity section). */
    public Optional<RestoredEnd> server() {
        return server;
    }

    /** The {@code wal} metric of summary.json (empty without an integrity section): derived here, read by nobody. */
    public Optional<Map<String, Object>> metric() {
        return integrity.isEmpty() ? Optional.empty()
                : Optional.of(ArchiveChecks.metric(report, timeline, server, after));
    }
}
