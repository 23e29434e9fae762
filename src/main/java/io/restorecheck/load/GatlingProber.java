package io.restorecheck.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs each capacity probe as its own short Gatling launch of {@code CapacityStep} (open model, one fixed rate),
 * results in {@code <gatling>/capacity/probe-NN-at-R/simulation.log}, read back with Gatling's own reader. One
 * launch per probe because the search decides the next rate from the last probe's result, which a Gatling
 * injection profile (fixed when the simulation starts) cannot do. Once Gatling has run in the JVM, a launch without
 * HTML report costs 0.1-0.15 s beyond its load (measured, docs/load.md).
 */
public final class GatlingProber implements CapacitySearch.Prober {
    /** Served below this share of the offered rate means the site (or the load generator) did not keep up. */
    static final double MIN_SERVED_SHARE = 0.9;
    private static final String SIMULATION = GatlingLauncher.SIMULATIONS_PACKAGE + ".CapacityStep";
    /**
     * A probe's time beyond its simulation (bounded by Gatling's maxDuration): launch, shutdown, reading the
     * simulation.log. Measured 0.1-0.15 s on a quiet machine; 1.5 s leaves room for a machine as busy as ours
     * (load average 20 on 2 cores). A launch slower than that still counts: the search takes the longest probe
     * seen so far when it exceeds this bound.
     */
    static final Duration LAUNCH_ALLOWANCE = Duration.ofMillis(1500);

    private final LoadParameters base;
    private final Duration settle;
    private final Duration step;
    private final Path gatlingDir;
    private final Consumer<String> progress;
    private int probes;

    /**
     * @param base     the visits and ceilings (rates are replaced per probe)
     * @param progress told which probe starts, for the progress line
     */
    public GatlingProber(LoadParameters base, Duration settle, Duration step, Path gatlingDir,
                         Consumer<String> progress) {
        this.base = base;
        this.settle = settle;
        this.step = step;
        this.gatlingDir = gatlingDir.resolve("capacity");
        this.progress = progress;
    }

    /** Settle, step, the stragglers' drain (the simulation's maxDuration) and the launch allowance. */
    @Override
    public Duration longest(double ratePerSec) {
        return settle.plus(step).plus(ProbeGuard.drain(base.maxP95())).plus(LAUNCH_ALLOWANCE);
    }

    @Override
    public CapacityProbe probe(double ratePerSec) {
        long t0 = System.nanoTime();
        probes++;
        progress.accept(String.format(Locale.ROOT, "probe %d at %s/s", probes, RampPlan.rate(ratePerSec)));
        ProbeGuard guard = new ProbeGuard(ratePerSec, settle, step, base.maxP95().toMillis(), base.maxErrorRatio());
        LoadParameters.install(base.atRate(ratePerSec, settle.plus(step)));
        ProbeGuard.install(guard);
        GatlingLauncher.Launched launched = GatlingLauncher.run(GatlingLauncher.resolve(SIMULATION), gatlingDir,
                String.format(Locale.ROOT, "probe-%02d-at-%s", probes, RampPlan.rate(ratePerSec)),
                "restorecheck capacity probe at " + RampPlan.rate(ratePerSec) + "/s", false);
        GatlingResults results = GatlingResults.read(launched.simulationLog());
        Optional<GatlingResults.RequestStats> measured = results.requests().stream()
                .filter(r -> ProbeGuard.isStep(r.name())).findFirst();
        long requests = measured.map(GatlingResults.RequestStats::count).orElse(0L);
        long ko = measured.map(GatlingResults.RequestStats::ko).orElse(0L);
        int p95 = measured.map(GatlingResults.RequestStats::p95Ms).orElse(0);
        int p50 = measured.map(GatlingResults.RequestStats::p50Ms).orElse(0);
        double served = (requests - ko) / (step.toMillis() / 1000.0);
        Optional<String> why = verdict(ratePerSec, requests, ko, p95, served, guard.stoppedBecause());
        return new CapacityProbe(ratePerSec, requests, ko, served, p50, p95, why, guard.stoppedBecause().isPresent(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Why a probe with these numbers did not hold, or empty when it held. */
    Optional<String> verdict(double offered, long requests, long ko, int p95Ms, double servedPerSec,
                             Optional<String> stopped) {
        long maxP95Ms = base.maxP95().toMillis();
        if (stopped.isPresent()) {
            return Optional.of("stopped early, " + stopped.get());
        }
        if (requests == 0) {
            return Optional.of("no request completed in the step");
        }
        if (p95Ms > maxP95Ms) {
            return Optional.of("p95 " + p95Ms + " ms > " + maxP95Ms + " ms");
        }
        double errors = ko / (double) requests;
        if (errors > base.maxErrorRatio()) {
            return Optional.of(String.format(Locale.ROOT, "errors %d of %d (%.4f) > %.4f", ko, requests, errors,
                    base.maxErrorRatio()));
        }
        if (servedPerSec < MIN_SERVED_SHARE * offered) {
            return Optional.of(String.format(Locale.ROOT, "served %.1f/s of %s/s offered", servedPerSec,
                    RampPlan.rate(offered)));
        }
        return Optional.empty();
    }
}
