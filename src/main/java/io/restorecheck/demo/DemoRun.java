package io.restorecheck.demo;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.report.RunDirectory;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code restorecheck demo}: builds the restored demo stack, runs the checks on it, writes the report and stops
 * everything. A run that cannot finish (a lab failure, Ctrl-C) still writes a partial report.
 */
public final class DemoRun {
    private final DemoOptions options;
    private final Progress progress = new Progress(System.out, "demo");
    private final List<CheckResult> checks = new ArrayList<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
    private RunDirectory run;
    private volatile boolean reported;

    public DemoRun(DemoOptions options) {
        this.options = options;
    }

    /** Runs the demo; returns the summary written, or throws after writing a partial one. */
    public Summary run() {
        run = RunDirectory.create(options.reportsRoot(), "demo", LocalDateTime.now());
        progress.note("run folder " + run.path() + (options.breaks().isEmpty() ? "" : ", breaking " + options.breaks()));
        Thread interrupted = new Thread(() -> writeSummary(CheckResult.broken("demo.run",
                "interrupted after " + Math.round(progress.elapsedSeconds()) + " s; the checks listed ran before it")),
                "restorecheck-partial-report");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try (DemoStack stack = DemoStack.build(options, progress)) {
            metrics.put("demo", demoMetrics(stack));
            SiteConfig site = SiteConfigLoader.load(DemoSiteConfig.write(run.resolve("site.conf"),
                    new DemoSiteConfig.Stack(stack.wiki.baseUrl(), stack.restored.jdbcUrl(DemoStack.DATABASE),
                            stack.memcached.address(), stack.archive, stack.baseBackup, stack.expectedSettings)));
            progress.note("site config " + site.source());
            checks.add(restoredMatchesPrimary(stack));
            Summary summary = writeSummary(null);
            progress.note("verdict " + summary.verdict().toUpperCase() + " in "
                    + Math.round(progress.elapsedSeconds()) + " s; report " + run.resolve("summary.md"));
            return summary;
        } catch (RuntimeException e) {
            writeSummary(CheckResult.broken("demo.run", "the demo could not finish: " + e.getMessage()));
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the JVM is exiting on Ctrl-C.
            }
        }
    }

    /**
     * The demo's own oracle: it knows the primary's truth, so the restored server must hold the same row counts
     * and latest edits (the integrity checks compare against the archive, which a real site has instead).
     */
    static CheckResult restoredMatchesPrimary(DemoStack stack) {
        List<String> differences = new ArrayList<>();
        stack.primaryFacts.forEach((table, primary) -> {
            TableFacts restored = stack.restoredFacts.get(table);
            if (!primary.equals(restored)) {
                differences.add(table + ": primary " + primary.rows() + " rows, latest " + primary.latest()
                        + "; restored " + (restored == null ? "missing" : restored.rows() + " rows, latest "
                        + restored.latest()));
            }
        });
        long primaryRows = stack.primaryFacts.values().stream().mapToLong(TableFacts::rows).sum();
        long restoredRows = stack.restoredFacts.values().stream().mapToLong(TableFacts::rows).sum();
        return CheckResult.of(differences.isEmpty(), "demo.restored-matches-primary", restoredRows, primaryRows, "rows",
                differences.isEmpty() ? "restored server holds what the primary held at the outage: "
                        + TableFacts.describe(stack.restoredFacts)
                        : "restored server differs from the primary at the outage: " + String.join(" | ", differences));
    }

    private static Map<String, Object> demoMetrics(DemoStack stack) {
        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put("pages", stack.generated.pages());
        demo.put("revisions", stack.generated.revisions());
        demo.put("edits_after_backup", stack.editsAfterBackup);
        demo.put("outage_at", stack.outageAt.toString());
        demo.put("primary", factsJson(stack.primaryFacts));
        demo.put("restored", factsJson(stack.restoredFacts));
        return demo;
    }

    private static Map<String, Object> factsJson(Map<String, TableFacts> facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        facts.forEach((table, f) -> out.put(table, f.toJson()));
        return out;
    }

    private synchronized Summary writeSummary(CheckResult extra) {
        if (reported) {
            return null;
        }
        reported = true;
        List<CheckResult> all = new ArrayList<>(checks);
        if (extra != null) {
            all.add(extra);
        }
        Summary summary = new Summary("demo", started.toString(), OffsetDateTime.now(ZoneOffset.UTC).toString(), all,
                metrics);
        SummaryWriter.write(run, summary);
        return summary;
    }
}
