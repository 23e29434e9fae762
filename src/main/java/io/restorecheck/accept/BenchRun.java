package io.restorecheck.accept;

import io.restorecheck.bench.BenchBook;
import io.restorecheck.bench.BenchRecord;
import io.restorecheck.bench.RegressionJudge;
import io.restorecheck.bench.Verdict;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.db.ReadOnlyConnections;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.suites.LoadFigures;
import io.restorecheck.suites.Suites;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly benchmark: the load suite (cache warm-up, Gatling, memcached stats) on the site's load profile, one
 * record appended to the history, the run judged against the baseline of the runs before it, a trend chart.
 */
public final class BenchRun {
    /** PostgreSQL settings recorded with each run, so a change of tuning shows in the history. */
    static final List<String> PG_SETTINGS = List.of("shared_buffers", "work_mem", "effective_cache_size",
            "random_page_cost", "max_connections");

    private BenchRun() {
    }

    public static Optional<Verdict> run(SiteConfig site, ReportedRun run, Progress progress, Path historyDir,
                                        String label, Map<String, Object> options) {
        AcceptanceRun.Outcome outcome = AcceptanceRun.measure(site, run, Optional.empty(), progress,
                List.of(Suites.LOAD), options);
        List<CheckResult> results = outcome.results();
        Optional<BenchRecord> record = outcome.shared(LoadFigures.class).map(f -> record(f, site,
                run.dir().path().getFileName().toString(), label));
        if (record.isEmpty()) {
            run.add(CheckResult.broken("bench.regression", "the load suite measured no throughput, so there is "
                    + "nothing to judge or append to the history (see the load checks: " + results.stream()
                    .filter(r -> r.id().startsWith("load.")).map(r -> r.id() + " " + r.status().json()).toList() + ")"));
            return Optional.empty();
        }
        Verdict verdict = progress.step("bench history and baseline", () -> BenchBook.book(historyDir, record.get(),
                new RegressionJudge(), run.dir().resolve("bench-trend.png")), Verdict::message);
        run.add(verdict.toCheck());
        Map<String, Object> bench = new LinkedHashMap<>(verdict.toMetrics());
        bench.put("history", historyDir.resolve("bench-history.jsonl").toString());
        run.metric("bench", bench);
        return Optional.of(verdict);
    }

    /** The history record of this run, from the figures the load suite measured (typed, not its metrics). */
    static BenchRecord record(LoadFigures figures, SiteConfig site, String runName, String label) {
        Map<String, String> settings = new LinkedHashMap<>(pgSettings(site));
        figures.cacheSettings().forEach((server, s) -> settings.put("memcached." + server, String.valueOf(s)));
        return new BenchRecord(OffsetDateTime.now(ZoneOffset.UTC).toString(), label, commit(),
                figures.throughputPerSec(), figures.p50Ms(), figures.p95Ms(), figures.p99Ms(), figures.errorRatio(),
                figures.hitRatio().isPresent() ? figures.hitRatio().getAsDouble() : null,
                figures.evictions().isPresent() ? figures.evictions().getAsLong() : null, settings, runName,
                figures.kneePerSec().orElse(null));
    }

    /** Key of the settings entry that says why the settings could not be read. */
    static final String SETTINGS_ERROR = "settings_error";

    /** The settings in force on the site's database, read in a read-only session; the cause when unreadable. */
    static Map<String, String> pgSettings(SiteConfig site) {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = ReadOnlyConnections.open(site.database(), "bench");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, current_setting(name) FROM pg_settings WHERE name IN ('"
                     + String.join("','", PG_SETTINGS) + "') ORDER BY name")) {
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            // The record is still useful without them, but it must say why they are missing: a record without
            // settings would otherwise read as "no tuning", and a later change of tuning would go unnoticed.
            settings.put(SETTINGS_ERROR, "not read from " + site.database().url() + ": " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"));
        }
        return settings;
    }

    private static String commit() {
        for (String env : List.of("RESTORECHECK_COMMIT", "GIT_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA")) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
