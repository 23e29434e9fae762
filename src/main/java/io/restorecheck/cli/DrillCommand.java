package io.restorecheck.cli;

import io.restorecheck.config.ConfigError;
import io.restorecheck.config.DrillSection;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.demo.DrillBreak;
import io.restorecheck.demo.DrillLab;
import io.restorecheck.drill.Drill;
import io.restorecheck.drill.DrillHistory;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restorecheck drill}: the nightly restore drill against the live primary's backups. */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Restores the newest base backup and the WAL archive into a throwaway server, replays to the "
                + "end and promotes; measures the restore time (fetch, start, consistency, replay, promote) and the "
                + "recovery point against the live primary; compares the configured tables with the primary "
                + "(read-only); runs amcheck on the copy; tears it down. Appends to drill-history.jsonl and draws "
                + "the trend chart. Exit 1 when a drill check fails.",
                "With --lab it drills the embedded sample stack, whose primary keeps taking edits meanwhile."})
final class DrillCommand implements Callable<Integer> {
    @Mixin
    ReportsOption reports;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Site config (HOCON) with drill { }.")
        Path config;

        @Option(names = "--lab", description = "Drill the embedded sample stack instead of a site.")
        boolean lab;
    }

    @Option(names = "--history", paramLabel = "DIR",
            description = "Folder of drill-history.jsonl (default: <reports>/drill-history).")
    Path history;

    @Option(names = "--label", description = "Label of this run in the history (default: lab or the config's name).")
    String label;

    @Option(names = "--pages", paramLabel = "N", defaultValue = "2000",
            description = "With --lab: pages of the sample wiki (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--break", paramLabel = "KIND",
            description = "With --lab: inject a real fault: corrupt-backup, wal-gap or restore-budget.")
    List<String> breaks = new ArrayList<>();

    @Option(names = "--pg-bin", paramLabel = "DIR", description = "With --lab: PostgreSQL binaries to use.")
    Path pgBin;

    @Option(names = "--pg-major", paramLabel = "N", description = "With --lab: PostgreSQL major (13-18) of the lab "
            + "primary and so of the drill (default: " + io.restorecheck.lab.PgBinaries.DEFAULT_MAJOR + ").")
    Integer pgMajor;

    @Override
    public Integer call() {
        EnumSet<DrillBreak> kinds = EnumSet.noneOf(DrillBreak.class);
        for (String b : breaks) {
            kinds.add(DrillBreak.parse(b).orElseThrow(() -> new UsageError("--break " + b + ": unknown kind; drill "
                    + "kinds are " + String.join(", ", DrillBreak.labels()))));
        }
        if (!target.lab && (!kinds.isEmpty() || pgBin != null || pgMajor != null)) {
            throw new UsageError("--break, --pg-bin and --pg-major only apply with --lab");
        }
        int major = DemoCommand.pgMajor(pgBin, pgMajor);
        if (pages < 10 || pages > 50_000) {
            throw new UsageError("--pages must be between 10 and 50000, got " + pages);
        }
        Optional<SiteConfig> given = Optional.ofNullable(target.config).map(SiteConfigLoader::load);
        given.ifPresent(DrillCommand::drillSection);
        Path historyDir = history != null ? history : reports.reportsRoot.resolve("drill-history");
        // A damaged history is bad input: refuse it before restoring anything (exit 2, nothing written).
        DrillHistory.load(historyDir);
        Progress progress = new Progress(System.out, "drill");
        ReportedRun run = ReportedRun.start(reports.reportsRoot, "drill", progress);
        try {
            if (given.isPresent()) {
                String name = label != null ? label : target.config.getFileName().toString().replaceFirst("\\.conf$", "");
                drill(given.get(), run, progress, historyDir, name);
            } else {
                try (DrillLab lab = DrillLab.build(pages, kinds, Optional.ofNullable(pgBin), major,
                        progress)) {
                    SiteConfig site = SiteConfigLoader.load(lab.writeSiteConfig(run.dir().resolve("site.conf")));
                    drill(site, run, progress, historyDir, label != null ? label : "lab");
                    run.metric("lab", lab.facts());
                }
            }
            return ExitCodes.of(run.finish());
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }

    private static void drill(SiteConfig site, ReportedRun run, Progress progress, Path historyDir, String label) {
        DrillSection section = drillSection(site);
        Drill.Outcome outcome = Drill.run(site, section, progress, label, run.dir().path().getFileName().toString());
        run.addAll(outcome.checks());
        run.metrics(outcome.metrics());
        Path chart = run.dir().resolve("drill-trend.png");
        Drill.history(historyDir, outcome, section, chart);
        progress.note("history " + DrillHistory.file(historyDir) + ", trend chart " + chart);
    }

    private static DrillSection drillSection(SiteConfig site) {
        return site.drill().orElseThrow(() -> new ConfigError(site.source(), 0, "drill", "section is missing: the "
                + "drill needs drill { base-backup or fetch-command, wal-archive or restore-command } (see "
                + "docs/drill.md)"));
    }
}
