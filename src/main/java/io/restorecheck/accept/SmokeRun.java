package io.restorecheck.accept;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.JunitXml;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.smoke.Smoke;
import io.restorecheck.suites.SuiteContext;
import io.restorecheck.suites.SuiteRunner;
import io.restorecheck.suites.Suites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The smoke run: the smoke checks against one site (probing once, or until ready within {@code wait}). The quick
 * form measures directly and writes the JUnit XML itself: starting the JUnit Platform and Allure's listener costs
 * about three times the CPU of the checks. The full form runs the smoke suite through them, for Allure's report.
 */
public final class SmokeRun {
    private SmokeRun() {
    }

    public static List<CheckResult> run(SiteConfig site, ReportedRun run, Progress progress, Duration wait,
                                        boolean full) {
        if (full) {
            SuiteContext context = new SuiteContext(site, run.dir(), Optional.empty(), progress,
                    Map.of("smoke.wait", wait));
            List<CheckResult> results = SuiteRunner.run(context, Suites.smokeClasses());
            run.addAll(results);
            run.metrics(context.metrics());
            return results;
        }
        long t0 = System.nanoTime();
        Smoke.Outcome outcome = Smoke.run(site, run.dir().reportsRoot(), wait, progress::note);
        JunitXml.write(run.dir(), "smoke", outcome.checks(), (System.nanoTime() - t0) / 1e9);
        run.addAll(outcome.checks());
        run.metric("smoke", outcome.metrics());
        return outcome.checks();
    }
}
