package io.restorecheck.drill;

import io.restorecheck.config.DrillSection;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.integrity.ReadOnlySessions;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Progress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly restore drill: restore the newest base backup and the archive into a throwaway server, replay to
 * the end, promote, measure the restore time and the recovery point, compare the configured tables with the live
 * primary (read-only), amcheck the copy, tear it down. Produces the drill.* checks and {@code metrics.drill}.
 */
public final class Drill {
    private Drill() {
    }

    /** The checks, the metrics and the history record of one drill. */
    public record Outcome(List<CheckResult> checks, Map<String, Object> metrics, DrillRecord record) {
    }

    public static Outcome run(SiteConfig site, DrillSection drill, Progress progress, String label, String runName) {
        String database = ReadOnlySessions.databaseOf(site.database().url());
        List<CheckResult> checks = new ArrayList<>();
        Map<String, Object> m = new LinkedHashMap<>();
        DrillServer server;
        try {
            server = DrillServer.restore(drill, database, site.database().user(), progress);
        } catch (DrillFailure e) {
            checks.add(CheckResult.failed(DrillChecks.RESTORE, "not restored", "consistent and promoted", null,
                    "the newest base backup did not restore: " + e.getMessage()));
            String why = "the restore failed (see drill.restore)";
            for (String id : List.of(DrillChecks.RESTORE_TIME, DrillChecks.RECOVERY_POINT, DrillChecks.TABLES,
                    DrillChecks.AMCHECK)) {
                checks.add(CheckResult.skipped(id, why));
            }
            m.put("error", e.getMessage());
            return new Outcome(checks, Map.of("drill", m), record(label, runName, checks, null, null));
        }
        try (server) {
            DrillServer.Result r = server.result;
            checks.add(DrillChecks.restore(r));
            checks.add(DrillChecks.restoreTime(r, drill.maxRestoreTime()));
            PrimaryView primary;
            try {
                primary = PrimaryView.read(site.database());
            } catch (DrillFailure e) {
                // Restored and measured, but nothing to judge the copy against: say so, and still amcheck it.
                checks.add(CheckResult.broken(DrillChecks.RECOVERY_POINT, e.getMessage()));
                checks.add(CheckResult.broken(DrillChecks.TABLES, e.getMessage()));
                Optional<Amcheck.Result> am = amcheck(drill, server, r.major(), progress, checks);
                am.ifPresent(a -> checks.add(DrillChecks.amcheck(a, drill.amcheck())));
                m.putAll(DrillChecks.metrics(r, null, List.of(), am));
                return new Outcome(checks, Map.of("drill", m), record(label, runName, checks, r, null));
            }
            RecoveryPoint rp = progress.step("drill: recovery point vs the live primary",
                    () -> RecoveryPoint.judge(r, primary, server.restoreCommand(drill), server.workDir()),
                    p -> p.point().map(Instant::toString).orElse("unknown") + ", loss "
                            + p.dataLoss().map(d -> d.toMillis() / 1000.0 + " s").orElse("unknown"));
            checks.add(DrillChecks.recoveryPoint(r, rp, drill.maxDataLoss()));
            List<TableVerdict> tables = progress.step("drill: tables vs the live primary",
                    () -> tables(site, drill, server, rp), t -> t.stream().filter(TableVerdict::ok).count() + " of "
                            + t.size() + " agree");
            checks.add(DrillChecks.tables(tables, rp, drill));
            Optional<Amcheck.Result> am = amcheck(drill, server, r.major(), progress, checks);
            am.ifPresent(a -> checks.add(DrillChecks.amcheck(a, drill.amcheck())));
            m.putAll(DrillChecks.metrics(r, rp, tables, am));
            return new Outcome(checks, Map.of("drill", m), record(label, runName, checks, r, rp));
        } finally {
            progress.note("drill: server stopped, work folder removed");
        }
    }

    private static List<TableVerdict> tables(SiteConfig site, DrillSection drill, DrillServer server,
                                             RecoveryPoint rp) {
        List<TableVerdict> out = new ArrayList<>();
        if (rp.point().isEmpty()) {
            return out;
        }
        Instant cutoff = rp.point().get().minus(drill.timestampSlack());
        try (Connection copy = server.connect(); Connection primary = ReadOnlySessions.restored(site.database())) {
            for (DrillSection.Table t : drill.tables()) {
                out.add(TableJudge.judge(t, copy, primary, cutoff));
            }
        } catch (SQLException e) {
            throw new DrillFailure("cannot open sessions for the table comparison: " + e.getMessage(), e);
        }
        return out;
    }

    private static Optional<Amcheck.Result> amcheck(DrillSection drill, DrillServer server, int major,
                                                    Progress progress, List<CheckResult> checks) {
        if (!drill.amcheck().enabled()) {
            checks.add(CheckResult.skipped(DrillChecks.AMCHECK, "drill.amcheck.enabled = false"));
            return Optional.empty();
        }
        try (Connection su = server.superuser()) {
            return Optional.of(Amcheck.run(su, drill.amcheck(), major, progress));
        } catch (SQLException e) {
            checks.add(CheckResult.broken(DrillChecks.AMCHECK, "amcheck could not run on the drill copy: "
                    + e.getMessage() + " (the server's binaries must ship the amcheck extension)"));
            return Optional.empty();
        }
    }

    private static DrillRecord record(String label, String runName, List<CheckResult> checks, DrillServer.Result r,
                                      RecoveryPoint rp) {
        boolean bad = checks.stream().anyMatch(c -> c.status() == CheckStatus.FAILED || c.status() == CheckStatus.BROKEN);
        String verdict = bad ? "fail" : "pass";
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        if (r == null) {
            return new DrillRecord(now, label, verdict, null, null, null, null, null, null, null, null, null, runName);
        }
        Phases p = r.phases();
        return new DrillRecord(now, label, verdict, p.totalSeconds(), p.fetchSeconds(), p.startSeconds(),
                p.consistencySeconds(), p.replaySeconds(), p.promoteSeconds(), r.walBytes(), r.replayMbPerSecond(),
                rp == null ? null : rp.dataLoss().map(d -> d.toMillis() / 1000.0).orElse(null), runName);
    }

    /** Appends the record and redraws the trend chart into {@code chart}. */
    public static void history(Path historyDir, Outcome outcome, DrillSection drill, Path chart) {
        DrillHistory.append(historyDir, outcome.record());
        DrillChart.write(DrillHistory.load(historyDir), drill.maxRestoreTime().toMillis() / 1000.0,
                drill.maxDataLoss().toMillis() / 1000.0, chart);
    }
}
