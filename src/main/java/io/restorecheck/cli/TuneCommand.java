package io.restorecheck.cli;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.demo.DemoOptions;
import io.restorecheck.demo.TuneLab;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.tune.ApplyMeasurement;
import io.restorecheck.tune.GatlingBenchmark;
import io.restorecheck.tune.LabMeasurement;
import io.restorecheck.tune.Matrix;
import io.restorecheck.tune.MatrixLoader;
import io.restorecheck.tune.Measurement;
import io.restorecheck.tune.Ranking;
import io.restorecheck.tune.TuneReport;
import io.restorecheck.tune.TuneRun;
import io.restorecheck.tune.VariantResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restorecheck tune}: measures a matrix of PostgreSQL and memcached settings and ranks the variants. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Measures every variant of a settings matrix (postgresql.conf, memcached) several times in "
                + "interleaved order, verifies each setting took effect before measuring, and ranks the variants by "
                + "median capacity (Gatling capacity search) with intervals, plus p95 at a reference rate, hit ratio and"
                + " evictions.",
                "--lab: the embedded sample stack, restarted per measurement. -c site.conf --apply CMD: your site, "
                        + "where CMD applies each variant (settings in RESTORECHECK_PG_*, RESTORECHECK_MEMCACHED_*)."})
final class TuneCommand implements Callable<Integer> {
    @Mixin
    ReportsOption reports;

    @Option(names = "--matrix", required = true, paramLabel = "FILE", description = "The settings matrix (HOCON).")
    Path matrixFile;

    @Option(names = "--lab", description = "Tune the embedded sample stack (restored, as the demo leaves it).")
    boolean lab;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Site config (HOCON) of the site to tune.")
    Path config;

    @Option(names = "--apply", paramLabel = "CMD",
            description = "With -c: shell command that applies a variant to the site and returns when it is in place.")
    String apply;

    @Option(names = "--apply-timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long --apply may take per variant (default: ${DEFAULT-VALUE}).")
    String applyTimeout;

    @Option(names = "--pages", paramLabel = "N", defaultValue = "2000",
            description = "With --lab: pages the sample wiki starts with (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--pg-bin", paramLabel = "DIR", description = "With --lab: PostgreSQL binaries to use.")
    Path pgBin;

    @Override
    public Integer call() {
        if (lab == (config != null)) {
            throw new UsageError("give either --lab or -c site.conf --apply CMD");
        }
        if (config != null && (apply == null || apply.isBlank())) {
            throw new UsageError("-c needs --apply CMD: the command that puts each variant's settings in place"
                    + " (the harness does not manage that site)");
        }
        if (lab && apply != null) {
            throw new UsageError("--apply only goes with -c: with --lab the harness applies the settings itself");
        }
        if (pages < 10 || pages > 50_000) {
            throw new UsageError("--pages must be between 10 and 50000, got " + pages);
        }
        Duration timeout = parseDuration(applyTimeout);
        Matrix matrix = MatrixLoader.load(matrixFile);
        SiteConfig site = config == null ? null : SiteConfigLoader.load(config);
        Progress progress = new Progress(System.out, "tune");
        ReportedRun run = ReportedRun.start(reports.reportsRoot, "tune", progress);
        try (Measurement measurement = lab
                ? LabMeasurement.start(() -> TuneLab.start(new DemoOptions(reports.reportsRoot, pages, 42,
                        EnumSet.noneOf(io.restorecheck.demo.BreakKind.class), Optional.ofNullable(pgBin)), progress),
                        matrix, GatlingBenchmark.lab(run.dir().resolve("gatling")), progress)
                : ApplyMeasurement.start(site, apply, timeout, run.dir().resolve("apply"), matrix,
                        GatlingBenchmark.of(site.load(), run.dir().resolve("gatling")))) {
            TuneRun.Outcome outcome = TuneRun.run(matrix, measurement, progress);
            TuneReport.write(run.dir().path(), matrix, outcome, measurement.describe());
            System.out.print(TuneReport.text(outcome.ranking()));
            progress.note("recommendation: " + outcome.ranking().recommendation());
            run.add(settingsApplied(outcome));
            run.add(ranking(outcome));
            run.metric("tune", TuneReport.metrics(matrix, outcome));
            return ExitCodes.of(run.finish());
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }

    static CheckResult settingsApplied(TuneRun.Outcome outcome) {
        List<VariantResult> failed = outcome.ranking().failed();
        int total = outcome.results().size();
        if (failed.isEmpty()) {
            long settings = outcome.results().stream().mapToLong(r -> r.variant().settings().size()).sum();
            return CheckResult.passed("tune.settings-applied", total, total, "variants", "every variant's settings"
                    + " were verified on the running servers before each measurement (" + settings
                    + " settings over " + total + " variants)");
        }
        return CheckResult.failed("tune.settings-applied", total - failed.size(), total, "variants",
                failed.size() + " of " + total + " variants could not be measured: " + String.join(" | ",
                        failed.stream().map(r -> r.failure().orElse(r.variant().name())).toList()));
    }

    /**
     * Passes when the measurements rank the variants: a single measured variant, or a best one whose interval is
     * apart from the runner-up's. Variants that cannot be told apart fail it: the run must not claim a winner.
     */
    static CheckResult ranking(TuneRun.Outcome outcome) {
        Ranking ranking = outcome.ranking();
        int ranked = ranking.ranked().size();
        boolean ok = ranked == 1 || ranking.winner();
        return CheckResult.of(ok, "tune.ranking", ranked, outcome.results().size(), "variants ranked", ok
                ? ranking.recommendation() : ranked == 0 ? ranking.recommendation()
                : "no winner: " + ranking.recommendation());
    }

    static Duration parseDuration(String text) {
        try {
            return com.typesafe.config.ConfigFactory.parseString("d = " + text).getDuration("d");
        } catch (com.typesafe.config.ConfigException e) {
            throw new UsageError("--apply-timeout " + text + ": not a duration such as 90s or 10m");
        }
    }
}
