package io.restorecheck.integrity;

import io.restorecheck.config.IntegritySection;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.TableSpec;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;


/**
 * Measures the six "nothing lost" checks of one site once: archiving and settings on the restored server, then
 * the reference replay and the table comparison, then recency. A measurement that cannot run makes its checks
 * broken with the cause; a missing optional input makes them skipped with the reason. Never throws.
 */
public final class IntegrityRun {
    public static final List<String> CHECKS = List.of(TableChecks.ROWCOUNT, TableChecks.LATEST_EDIT,
            TableChecks.CONTENT, Recency.CHECK, ArchivingActive.CHECK, SettingsDrift.CHECK);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, CheckResult> results = new LinkedHashMap<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();

    private IntegrityRun() {
    }

    /**
     * @param archiveLastCommit the archive's last commit as read from the segments by the WAL reader, when a
     *                          suite that ran before published it; else the reference replay's is used
     */
    public static IntegrityRun measure(SiteConfig site, Optional<Instant> outageAt, Progress progress,
                                       Optional<Recency.LastCommit> archiveLastCommit) {
        IntegrityRun run = new IntegrityRun();
        run.measureAll(site, outageAt, progress, archiveLastCommit);
        return run;
    }

    public CheckResult result(String check) {
        return results.getOrDefault(check, CheckResult.broken(check, "not measured"));
    }

    public Map<String, Object> metrics() {
        return Map.copyOf(metrics);
    }

    private void measureAll(SiteConfig site, Optional<Instant> outageAt, Progress progress,
                            Optional<Recency.LastCommit> archiveLastCommit) {
        if (site.integrity().isEmpty()) {
            CHECKS.forEach(c -> results.put(c, CheckResult.skipped(c, "no integrity section in " + site.source())));
            return;
        }
        IntegritySection cfg = site.integrity().get();
        try (Connection restored = ReadOnlySessions.restored(site.database())) {
            results.put(ArchivingActive.CHECK, guard(ArchivingActive.CHECK, () -> ArchivingActive.check(restored,
                    cfg.archivingProbe() ? Optional.of(restored) : Optional.empty(), PROBE_TIMEOUT)));
            results.put(SettingsDrift.CHECK, cfg.expectedSettings().isEmpty()
                    ? CheckResult.skipped(SettingsDrift.CHECK, "no integrity.expected-settings configured (the old "
                    + "server's postgresql.conf)")
                    : guard(SettingsDrift.CHECK, () -> SettingsDrift.check(cfg.expectedSettings().get(), restored,
                    cfg.ignoreSettings())));
            Optional<Recency.LastCommit> lastCommit = archiveLastCommit;
            String replayProblem = null;
            if (cfg.baseBackup().isEmpty()) {
                for (String c : List.of(TableChecks.ROWCOUNT, TableChecks.LATEST_EDIT, TableChecks.CONTENT)) {
                    results.put(c, CheckResult.skipped(c, "no integrity.base-backup configured: no reference "
                            + "replay to compare the restored tables with"));
                }
            } else {
                String db = ReadOnlySessions.databaseOf(site.database().url());
                try (ReferenceReplay reference = ReferenceReplay.start(new ReferenceReplay.Source(
                        cfg.baseBackup().get(), cfg.walArchive(), cfg.postgresBin(), db, site.database().user()),
                        progress)) {
                    metrics.put("integrity.reference.replay_seconds", round(reference.replaySeconds()));
                    metrics.put("integrity.reference.end_lsn", reference.endLsn());
                    if (lastCommit.isEmpty()) {
                        lastCommit = reference.lastReplayedCommit().map(t -> new Recency.LastCommit(t,
                                "reference replay of the base backup + archive to LSN " + reference.endLsn()
                                        + ", pg_last_xact_replay_timestamp()"));
                    }
                    try {
                        compareTables(cfg.tables(), reference, site.database().url(), restored, progress);
                    } catch (RuntimeException | SQLException e) {
                        String why = "comparing the tables with the reference failed: " + describe(e);
                        for (String c : List.of(TableChecks.ROWCOUNT, TableChecks.LATEST_EDIT, TableChecks.CONTENT)) {
                            results.put(c, CheckResult.broken(c, why));
                        }
                    }
                } catch (RuntimeException e) {
                    replayProblem = "reference replay of " + cfg.baseBackup().get() + " + " + cfg.walArchive()
                            + " failed: " + describe(e);
                    for (String c : List.of(TableChecks.ROWCOUNT, TableChecks.LATEST_EDIT, TableChecks.CONTENT)) {
                        results.putIfAbsent(c, CheckResult.broken(c, replayProblem));
                    }
                }
            }
            if (replayProblem != null && lastCommit.isEmpty() && outageAt.isPresent()) {
                results.put(Recency.CHECK, CheckResult.broken(Recency.CHECK, replayProblem));
            } else {
                Optional<Recency.LastCommit> last = lastCommit;
                results.put(Recency.CHECK, guard(Recency.CHECK, () -> Recency.check(outageAt, last,
                        DataLossBound.of(cfg))));
            }
        } catch (SQLException | RuntimeException e) {
            String why = "cannot open a read-only session on the restored database " + site.database().url() + ": "
                    + describe(e);
            CHECKS.forEach(c -> results.putIfAbsent(c, CheckResult.broken(c, why)));
        }
    }

    private void compareTables(List<TableSpec> tables, ReferenceReplay reference, String siteUrl,
                               Connection restored, Progress progress) throws SQLException {
        List<TableResult> compared = new ArrayList<>();
        try (Connection ref = reference.connect(siteUrl); TableComparison comparison = new TableComparison(ref, restored)) {
            for (TableSpec spec : tables) {
                TableResult r = progress.step("compare " + spec.name() + " with the reference", () -> {
                    try {
                        return comparison.compare(spec);
                    } catch (SQLException e) {
                        throw new IllegalStateException("comparing " + spec.name() + ": " + e.getMessage(), e);
                    }
                }, t -> t.problem() != null ? "not compared: restored " + rowsOrNone(t.restoredRows())
                        + ", reference " + rowsOrNone(t.referenceRows()) : t.referenceRows() + " rows, "
                        + t.segmentsCompared() + " segments, "
                        + (t.contentEqual() ? "equal" : t.missingTotal() + " missing, " + t.extraTotal() + " extra, "
                        + t.changedTotal() + " changed"));
                compared.add(r);
                metrics.put("integrity.compare." + spec.name() + ".rows", r.referenceRows());
                metrics.put("integrity.compare." + spec.name() + ".seconds", round(r.seconds()));
            }
        }
        results.put(TableChecks.ROWCOUNT, TableChecks.rowcount(compared));
        results.put(TableChecks.LATEST_EDIT, TableChecks.latestEdit(compared));
        results.put(TableChecks.CONTENT, TableChecks.content(compared));
    }

    private static String rowsOrNone(long rows) {
        return rows < 0 ? "no such table" : rows + " rows";
    }

    @FunctionalInterface
    private interface Measure {
        CheckResult get() throws Exception;
    }

    private static CheckResult guard(String check, Measure m) {
        try {
            return m.get();
        } catch (Exception e) {
            return CheckResult.broken(check, describe(e));
        }
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append("; caused by ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    private static double round(double d) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3f", d));
    }
}
