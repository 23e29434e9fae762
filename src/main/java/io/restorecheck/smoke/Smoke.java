package io.restorecheck.smoke;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs the five smoke checks once, or, with a wait, every second until all pass or the wait ends, noting when each
 * part first became ready (seconds since the first probe). A part that never comes back fails with its last error.
 */
public final class Smoke {
    /** The checks in report order. */
    public static final List<String> CHECKS = List.of(DatabaseProbe.DATABASE, DatabaseProbe.ARCHIVING,
            WebProbe.CACHE, WebProbe.SITE, ServicesProbe.SERVICES);
    private static final long POLL_NANOS = 1_000_000_000L;
    private static final Executor PARALLEL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smoke-probe");
        t.setDaemon(true);
        return t;
    });

    /** The checks of the last probe and the {@code smoke} metrics (probes, time to ready per part). */
    public record Outcome(List<CheckResult> checks, Map<String, Object> metrics) {
    }

    private Smoke() {
    }

    /**
     * @param reportsRoot where the last acceptance run's timeline is looked up
     * @param wait        how long to poll until every check passes; zero probes once
     * @param progress    one line per part as it becomes ready (only when waiting)
     */
    public static Outcome run(SiteConfig site, Path reportsRoot, Duration wait, Consumer<String> progress) {
        OptionalInt lastTimeline = LastAcceptance.timeline(reportsRoot, site);
        WebProbe web = new WebProbe(site.smoke().probeTimeout());
        ServicesProbe services = ServicesProbe.ofThisMachine(site.smoke().services());
        long first = System.nanoTime();
        long deadline = first + wait.toNanos();
        Map<String, Double> readyAfter = new LinkedHashMap<>();
        int probes = 0;
        List<CheckResult> checks;
        long probeNanos;
        while (true) {
            long started = System.nanoTime();
            checks = once(site, lastTimeline, web, services);
            probeNanos = System.nanoTime() - started;
            probes++;
            double at = (started - first) / 1e9;
            for (CheckResult c : checks) {
                if (ready(c) && !readyAfter.containsKey(c.id())) {
                    readyAfter.put(c.id(), at);
                    if (!wait.isZero() && c.status() == CheckStatus.PASSED) {
                        progress.accept(c.id() + " ready after " + Messages.seconds(at));
                    }
                }
            }
            boolean allReady = checks.stream().allMatch(Smoke::ready);
            long next = started + POLL_NANOS;
            if (allReady || wait.isZero() || next > deadline) {
                break;
            }
            sleepUntil(next);
        }
        boolean allReady = checks.stream().allMatch(Smoke::ready);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("wait_seconds", wait.toSeconds());
        metrics.put("probes", probes);
        metrics.put("last_probe_ms", probeNanos / 1_000_000);
        Map<String, Object> partReady = new LinkedHashMap<>();
        for (CheckResult c : checks) {
            partReady.put(c.id(), c.status() == CheckStatus.SKIPPED ? null : readyAfter.get(c.id()));
        }
        metrics.put("ready_after_seconds", partReady);
        metrics.put("time_to_ready_seconds", allReady ? readyAfter.values().stream().mapToDouble(d -> d).max()
                .orElse(0) : null);
        return new Outcome(wait.isZero() ? checks : withReadiness(checks, readyAfter, wait, probes), metrics);
    }

    /**
     * One probe of every part: one database session, three GETs, memcached stats twice, systemctl. The database,
     * the base URL and systemctl are asked at the same time: a cold JVM spends most of a probe loading classes,
     * and a site that hangs should cost one timeout, not three in a row.
     */
    static List<CheckResult> once(SiteConfig site, OptionalInt lastTimeline, WebProbe web, ServicesProbe services) {
        CompletableFuture<DatabaseProbe.Result> dbAsk = CompletableFuture.supplyAsync(
                () -> DatabaseProbe.probe(site, lastTimeline), PARALLEL);
        CompletableFuture<CheckResult> servicesAsk = CompletableFuture.supplyAsync(services::check, PARALLEL);
        WebProbe.Start start = web.start(site);
        DatabaseProbe.Result db = dbAsk.join();
        List<CheckResult> webChecks = web.probe(site, start, db.page(), db.noPageReason());
        List<CheckResult> all = new ArrayList<>(List.of(db.database(), db.archiving()));
        all.addAll(webChecks.stream().filter(c -> c.id().equals(WebProbe.CACHE)).toList());
        all.addAll(webChecks.stream().filter(c -> c.id().equals(WebProbe.SITE)).toList());
        all.add(servicesAsk.join());
        return all;
    }

    /** Ready: passed, or skipped for a reason that waiting cannot change (nothing configured to check). */
    static boolean ready(CheckResult c) {
        return c.status() == CheckStatus.PASSED || c.status() == CheckStatus.SKIPPED;
    }

    private static List<CheckResult> withReadiness(List<CheckResult> checks, Map<String, Double> readyAfter,
                                                   Duration wait, int probes) {
        List<CheckResult> out = new ArrayList<>();
        for (CheckResult c : checks) {
            String note;
            if (c.status() == CheckStatus.SKIPPED) {
                note = "";
            } else if (ready(c)) {
                note = String.format(Locale.ROOT, "ready %.1f s after the first probe; ", readyAfter.get(c.id()));
            } else {
                note = "not ready after waiting " + wait.toSeconds() + " s (" + probes + " probes, one a second); "
                        + "last error: ";
            }
            out.add(new CheckResult(c.id(), c.status(), c.measured(), c.expected(), c.unit(), note + c.message()));
        }
        return out;
    }

    private static void sleepUntil(long nanoTime) {
        long millis = (nanoTime - System.nanoTime()) / 1_000_000;
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the site to come back", e);
            }
        }
    }
}
