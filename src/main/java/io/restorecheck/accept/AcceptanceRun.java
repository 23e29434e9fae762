package io.restorecheck.accept;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.suites.SuiteContext;
import io.restorecheck.suites.SuiteRunner;
import io.restorecheck.suites.Suites;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The acceptance run proper: the chosen suites against one site, their checks and metrics into the run. */
public final class AcceptanceRun {
    private AcceptanceRun() {
    }

    /**
     * @param options facts a caller (the demo) knows about the stack, handed to the suites by name
     */
    public static List<CheckResult> run(SiteConfig site, ReportedRun run, Optional<Instant> outageAt,
                                        Progress progress, List<Suites> suites, Map<String, Object> options) {
        return measure(site, run, outageAt, progress, suites, options).results();
    }

    /**
     * The checks of the run, and the typed measurements its suites shared (empty when the preflight skipped them).
     */
    public record Outcome(List<CheckResult> results, Optional<SuiteContext> context) {
        public <T> Optional<T> shared(Class<T> type) {
            return context.flatMap(c -> c.shared(type));
        }
    }

    /** As {@link #run}, keeping what the suites measured for a caller that records it (bench). */
    static Outcome measure(SiteConfig site, ReportedRun run, Optional<Instant> outageAt, Progress progress,
                           List<Suites> suites, Map<String, Object> options) {
        List<Class<?>> classes = Suites.classesOf(suites);
        progress.note("suites " + suites.stream().map(Suites::label).toList() + " against " + site.site().baseUrl()
                + (outageAt.map(t -> ", outage at " + t).orElse("")));
        Optional<List<CheckResult>> skipped = Preflights.skipAllWhenDown(site, suites, progress);
        if (skipped.isPresent()) {
            run.addAll(skipped.get());
            return new Outcome(skipped.get(), Optional.empty());
        }
        SuiteContext context = new SuiteContext(site, run.dir(), outageAt, progress, options);
        List<CheckResult> results = classes.isEmpty() ? List.of() : SuiteRunner.run(context, classes);
        run.addAll(results);
        run.metrics(context.metrics());
        return new Outcome(results, Optional.of(context));
    }
}
