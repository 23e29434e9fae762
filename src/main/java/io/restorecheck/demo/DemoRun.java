package io.restorecheck.demo;

import io.restorecheck.accept.AcceptanceRun;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.report.Summary;
import io.restorecheck.suites.Suites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code restorecheck demo}: builds the restored demo stack, runs the checks on it, writes the report and stops
 * everything. A run that cannot finish (a lab failure, Ctrl-C) still writes a partial report.
 */
public final class DemoRun {
    private final DemoOptions options;
    private final Progress progress = new Progress(System.out, "demo");

    public DemoRun(DemoOptions options) {
        this.options = options;
    }

    /** Runs the demo; returns the summary written, or throws after writing a partial one. */
    public Summary run() {
        return run(List.of(Suites.values()));
    }

    /** Runs the demo with the chosen suites on the restored stack. */
    public Summary run(List<Suites> suites) {
        ReportedRun run = ReportedRun.start(options.reportsRoot(), "demo", progress);
        if (!options.breaks().isEmpty()) {
            progress.note("breaking " + options.breaks());
        }
        try (DemoStack stack = DemoStack.build(options, progress)) {
            run.metric("demo", demoMetrics(stack.facts()));
            SiteConfig site = SiteConfigLoader.load(DemoSiteConfig.write(run.dir().resolve("site.conf"),
                    stack.siteConfigStack()));
            progress.note("site config " + site.source());
            run.add(restoredMatchesPrimary(stack));
            AcceptanceRun.run(site, run, Optional.of(stack.facts().outageAt()), progress, suites,
                    stack.suiteOptions());
            return run.finish();
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }

    /**
     * The demo's own oracle: it knows the primary's truth, so the restored server must hold the same row counts
     * and latest edits (the integrity checks compare against the archive, which a real site has instead).
     */
    static CheckResult restoredMatchesPrimary(DemoStack stack) {
        DemoFacts facts = stack.facts();
        List<String> differences = new ArrayList<>();
        facts.primaryFacts().forEach((table, primary) -> {
            TableFacts restored = facts.restoredFacts().get(table);
            if (!primary.equals(restored)) {
                differences.add(table + ": primary " + primary.rows() + " rows, latest " + primary.latest()
                        + "; restored " + (restored == null ? "missing" : restored.rows() + " rows, latest "
                        + restored.latest()));
            }
        });
        long primaryRows = facts.primaryFacts().values().stream().mapToLong(TableFacts::rows).sum();
        long restoredRows = facts.restoredFacts().values().stream().mapToLong(TableFacts::rows).sum();
        return CheckResult.of(differences.isEmpty(), "demo.restored-matches-primary", restoredRows, primaryRows, "rows",
                differences.isEmpty() ? "restored server holds what the primary held at the outage: "
                        + TableFacts.describe(facts.restoredFacts())
                        : "restored server differs from the primary at the outage: " + String.join(" | ", differences));
    }

    private static Map<String, Object> demoMetrics(DemoFacts facts) {
        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put("pages", facts.generated().pages());
        demo.put("revisions", facts.generated().revisions());
        demo.put("edits_after_backup", facts.editsAfterBackup());
        demo.put("outage_at", facts.outageAt().toString());
        if (!facts.breakFacts().isEmpty()) {
            demo.put("breaks", facts.breakFacts());
        }
        demo.put("primary", factsJson(facts.primaryFacts()));
        demo.put("restored", factsJson(facts.restoredFacts()));
        return demo;
    }

    private static Map<String, Object> factsJson(Map<String, TableFacts> facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        facts.forEach((table, f) -> out.put(table, f.toJson()));
        return out;
    }
}
