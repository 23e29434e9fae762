package io.restorecheck.cli;

import io.restorecheck.accept.BenchRun;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.demo.BreakKind;
import io.restorecheck.demo.DemoOptions;
import io.restorecheck.demo.DemoStack;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restorecheck bench}: the nightly benchmark with history and regression alarms. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the load profile of the site (cache warm-up, Gatling load, memcached stats), appends one "
                + "record to the history, judges it against the baseline of the previous runs (median and noise of "
                + "the last 5) and draws the trend chart. Exit 1 on regression.",
                "With --lab it measures the embedded sample stack (as the demo leaves it)."})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ReportsOption reports;

    @Mixin
    InjectorsOption injectors;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Site config (HOCON).")
        Path config;

        @Option(names = "--lab", description = "Measure the embedded sample stack instead of a site.")
        boolean lab;
    }

    @Option(names = "--history", paramLabel = "DIR",
            description = "Folder of bench-history.jsonl (default: <reports>/bench-history).")
    Path history;

    @Option(names = "--label", description = "Label of this run in the history (default: lab or the config's name).")
    String label;

    @Option(names = "--pages", paramLabel = "N", defaultValue = "6000",
            description = "With --lab: pages of the sample wiki (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--break", paramLabel = "KIND",
            description = "With --lab: inject a real fault, e.g. memcached-port (see demo --help).")
    List<String> breaks = new ArrayList<>();

    @Option(names = "--pg-bin", paramLabel = "DIR", description = "With --lab: PostgreSQL binaries to use.")
    Path pgBin;

    @Override
    public Integer call() {
        EnumSet<BreakKind> kinds = DemoCommand.parseBreaks(breaks);
        if (!target.lab && (!kinds.isEmpty() || pgBin != null)) {
            throw new UsageError("--break and --pg-bin only apply with --lab");
        }
        Optional<SiteConfig> given = Optional.ofNullable(target.config).map(SiteConfigLoader::load)
                .map(injectors::apply);
        Path historyDir = history != null ? history : reports.reportsRoot.resolve("bench-history");
        // A damaged history is bad input: refuse it before measuring anything (exit 2, nothing written).
        io.restorecheck.bench.BenchHistory.load(historyDir);
        Progress progress = new Progress(System.out, "bench");
        ReportedRun run = ReportedRun.start(reports.reportsRoot, "bench", progress);
        try {
            if (given.isPresent()) {
                String name = label != null ? label : target.config.getFileName().toString().replaceFirst("\\.conf$", "");
                BenchRun.run(given.get(), run, progress, historyDir, name, Map.of());
            } else {
                try (DemoStack stack = DemoStack.build(new DemoOptions(reports.reportsRoot, pages, 42, kinds,
                        Optional.ofNullable(pgBin)), progress)) {
                    SiteConfig site = injectors.apply(SiteConfigLoader.load(stack.writeSiteConfig(
                            run.dir().resolve("site.conf"))));
                    BenchRun.run(site, run, progress, historyDir, label != null ? label : "lab", stack.suiteOptions());
                }
            }
            return ExitCodes.of(run.finish());
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }
}
