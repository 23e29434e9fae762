package io.restorecheck.cli;

import io.restorecheck.accept.AcceptanceRun;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.suites.Suites;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restorecheck accept}: the post-restore acceptance run against a real site. */
@Command(name = "accept", mixinStandardHelpOptions = true,
        description = {"Runs the acceptance suites against the site a config file describes: integrity (archive, "
                + "replay, tables, recency, archiving, settings), pages, then load and cache. One verdict, one report.",
                "Read-only against the database; the WAL archive is never written; memcached is never flushed."})
final class AcceptCommand implements Callable<Integer> {
    @Mixin
    ReportsOption reports;

    @Mixin
    InjectorsOption injectors;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Site config (HOCON).")
    Path config;

    @Option(names = "--only", split = ",", paramLabel = "SUITE",
            description = "Run only these suites (comma-separated): integrity, pages, load.")
    List<String> only = new ArrayList<>();

    @Option(names = "--outage-at", paramLabel = "TIME",
            description = "When the old server went down (ISO-8601, e.g. 2026-11-25T13:40:00+01:00, or local time "
                    + "2026-11-25T13:40:00): enables integrity.recency.")
    String outageAt;

    @Option(names = "--dry-run", description = "Load the config, connect read-only to everything and resolve every "
            + "table, column, selector and server; print what the run would do. No load, no reference replay, no "
            + "report; seconds. Exit 0 when everything resolves, 1 naming what does not.")
    boolean dryRun;

    @Override
    public Integer call() {
        SiteConfig site = injectors.apply(SiteConfigLoader.load(config));
        if (dryRun) {
            return io.restorecheck.siteinit.DryRun.run(site, System.out).isEmpty() ? ExitCodes.PASS
                    : ExitCodes.CHECKS_FAILED;
        }
        List<Suites> suites = parseSuites(only);
        Optional<Instant> outage = Optional.ofNullable(outageAt).map(AcceptCommand::parseTime);
        Progress progress = new Progress(System.out, "accept");
        ReportedRun run = ReportedRun.start(reports.reportsRoot, "accept", progress);
        try {
            AcceptanceRun.run(site, run, outage, progress, suites, Map.of());
            return ExitCodes.of(run.finish());
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }

    static List<Suites> parseSuites(List<String> labels) {
        if (labels.isEmpty()) {
            return List.of(Suites.values());
        }
        List<Suites> chosen = new ArrayList<>();
        for (String label : labels) {
            chosen.add(Suites.parse(label).orElseThrow(() -> new UsageError("--only " + label
                    + ": unknown suite; suites are " + String.join(", ", Suites.labels()))));
        }
        return chosen;
    }

    static Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                throw new UsageError("--outage-at " + text + ": not an ISO-8601 time such as 2026-11-25T13:40:00+01:00");
            }
        }
    }
}
