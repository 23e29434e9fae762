package io.restorecheck.accept;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.smoke.Preflight;
import io.restorecheck.suites.SuiteRunner;
import io.restorecheck.suites.Suites;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Before the suites: when the database or the site does not answer at all, one failed {@code accept.preflight}
 * check says so, first, and every check of the chosen suites is skipped with that reason, instead of a page of
 * broken checks each timing out on the same cause.
 */
final class Preflights {
    static final String CHECK = "accept.preflight";

    private Preflights() {
    }

    /** The checks to report instead of running the suites, or empty when the site is up enough to check. */
    static Optional<List<CheckResult>> skipAllWhenDown(SiteConfig site, List<Suites> chosen, Progress progress) {
        List<Class<?>> suites = Suites.classesOf(chosen);
        if (suites.isEmpty()) {
            return Optional.empty();
        }
        boolean siteNeeded = chosen.contains(Suites.PAGES) || chosen.contains(Suites.LOAD);
        Optional<String> down = Preflight.whyDown(site, siteNeeded);
        if (down.isEmpty()) {
            return Optional.empty();
        }
        String line = down.get() + ": nothing else was checked; start it (restorecheck smoke -c "
                + site.source() + " --wait 2m shows when it is back) and run again";
        progress.note("PREFLIGHT FAILED: " + line);
        List<CheckResult> checks = new ArrayList<>();
        checks.add(CheckResult.failed(CHECK, "down", "up", null, line));
        for (String id : SuiteRunner.checkIds(suites)) {
            checks.add(CheckResult.skipped(id, "skipped by the preflight: " + down.get()));
        }
        return Optional.of(checks);
    }
}
