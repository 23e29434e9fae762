package io.restorecheck.cli;

import io.restorecheck.accept.SmokeRun;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restorecheck smoke}: in seconds, whether every part of the site is up, wired right and enabled at boot. */
@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = {"Checks in seconds that every part of the site came back: the database (and its timeline), "
                + "WAL archiving alive, every memcached answering and used by the site, the site answering with the "
                + "database's titles, and the systemd units in smoke.services active and enabled at boot.",
                "Read-only: one read-only database session, three GETs, memcached stats. No load, no Allure report "
                        + "unless --report full."})
final class SmokeCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Duration MAX_WAIT = Duration.ofHours(1);

    @Mixin
    ReportsOption reports;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Site config (HOCON).")
    Path config;

    @Option(names = "--wait", paramLabel = "DURATION",
            description = "Poll every second until every check passes or DURATION ends (e.g. 120s, 2m), and report "
                    + "when each part became ready. Default: probe once.")
    String waitText;

    @Option(names = "--report", paramLabel = "KIND", defaultValue = "summary",
            description = "summary (default: summary.json, summary.md, JUnit XML, index.html) or full (also the "
                    + "Allure report, a few seconds more).")
    String report;

    @Override
    public Integer call() {
        // The process's start (launcher script and JVM) is reported apart from the run: every command pays it.
        long commandStart = System.nanoTime();
        long processStartMillis = ProcessHandle.current().info().startInstant()
                .map(t -> Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
        Duration wait = waitText == null ? Duration.ZERO : parseDuration("--wait", waitText);
        if (!report.equals("summary") && !report.equals("full")) {
            throw new UsageError("--report " + report + ": must be summary or full");
        }
        SiteConfig site = SiteConfigLoader.load(config);
        Progress progress = new Progress(System.out, "smoke");
        ReportedRun run = ReportedRun.start(reports.reportsRoot, "smoke", progress);
        try {
            if (!wait.isZero()) {
                progress.note("waiting up to " + wait.toSeconds() + " s for every part to be ready, probing every "
                        + "second");
            }
            List<CheckResult> results = SmokeRun.run(site, run, progress, wait, report.equals("full"));
            for (CheckResult c : results) {
                progress.note(String.format(Locale.ROOT, "%-7s %-16s %s", c.status().json(), c.id(), c.message()));
            }
            run.metric("timing", java.util.Map.of("process_start_ms", processStartMillis, "command_ms",
                    (System.nanoTime() - commandStart) / 1_000_000));
            int code = ExitCodes.of(run.finish(report.equals("full") ? Optional.empty()
                    : Optional.of("not generated: smoke skips it to stay fast (ask for it with --report full)")));
            progress.note(String.format(Locale.ROOT, "%d ms from the process's start (launcher, JVM) to the command, "
                    + "%d ms for the command itself (config, checks, report)", processStartMillis,
                    (System.nanoTime() - commandStart) / 1_000_000));
            return code;
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }

    static Duration parseDuration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageError(option + " " + text + ": not a duration such as 120s, 2m or 500ms");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.compareTo(MAX_WAIT) > 0) {
            throw new UsageError(option + " " + text + ": at most 1h");
        }
        return d;
    }
}
