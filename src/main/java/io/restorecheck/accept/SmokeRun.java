package io.restorecheck.accept;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.suites.SuiteContext;
import io.restorecheck.suites.SuiteRunner;
import io.restorecheck.suites.Suites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The smoke run: the smoke suite against one site (probing once, or until ready within {@code wait}). */
public final class SmokeRun {
    private SmokeRun() {
    }

    public static List<CheckResult> run(SiteConfig site, ReportedRun run, Progress progress, Duration wait) {
        SuiteContext context = new SuiteContext(site, run.dir(), Optional.empty(), progress,
                Map.of("smoke.wait", wait));
        List<CheckResult> results = SuiteRunner.run(context, Suites.smokeClasses());
        run.addAll(results);
        run.metrics(context.metrics());
        return results;
    }
}
