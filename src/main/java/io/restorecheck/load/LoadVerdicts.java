package io.restorecheck.load;

import io.restorecheck.config.LoadSection;
import io.restorecheck.report.CheckResult;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The load checks from Gatling's results: {@code load.throughput} (successful requests per second at or above
 * the floor), {@code load.latency.p95} (ms, at or below the ceiling) and {@code load.errors} (KO ratio at or below
 * the ceiling). For CapacityRamp the numbers are those of the highest step that held.
 */
public final class LoadVerdicts {
    public static final String THROUGHPUT = "load.throughput";
    public static final String P95 = "load.latency.p95";
    public static final String ERRORS = "load.errors";

    private final LoadSection config;
    private final GatlingResults results;
    private final Optional<RampResult> ramp;
    private final String report;
    private final String cold;

    /**
     * @param report where the Gatling HTML report is, for the messages
     * @param cold   the warm-up pass's numbers, stated next to the warm ones (empty when there was none)
     */
    public LoadVerdicts(LoadSection config, GatlingResults results, Optional<RampResult> ramp, String report,
                        Optional<String> cold) {
        this.config = config;
        this.results = results;
        this.ramp = ramp;
        this.report = report;
        this.cold = cold.map(c -> "; cold pass (warm-up, not checked): " + c).orElse("");
    }

    public CheckResult throughput() {
        double floor = config.minThroughputPerSec();
        if (ramp.isPresent()) {
            RampResult r = ramp.get();
            double capacity = r.highestHeld().map(RampResult.Step::okPerSec).orElse(0.0);
            String steps = r.steps().stream().map(s -> String.format(Locale.ROOT, "step %d %s/s: %.1f ok/s, p95 %d ms,"
                    + " %d KO%s", s.step(), RampPlan.rate(s.offeredPerSec()), s.okPerSec(), s.p95Ms(), s.ko(),
                    s.held() ? "" : " (broke)")).collect(Collectors.joining("; "));
            double m = LoadMath.round(capacity, 2);
            return CheckResult.of(m >= floor, THROUGHPUT, m, floor, "req/s", String.format(Locale.ROOT,
                    "capacity %.1f req/s (highest step that held: %s); floor %.1f; %s; report %s%s", m,
                    r.highestHeld().map(s -> "step " + s.step()).orElse("none"), floor, steps, report, cold));
        }
        GatlingResults.RequestStats all = results.all();
        if (all.count() == 0) {
            return CheckResult.failed(THROUGHPUT, 0.0, floor, "req/s", "Gatling made no request; report " + report);
        }
        double okPerSec = LoadMath.round(all.meanPerSec() * all.ok() / all.count(), 2);
        String evidence = String.format(Locale.ROOT, "%.1f successful req/s (%d requests, %d KO, offered %s/s for"
                + " %ds); floor %.1f; report %s%s", okPerSec, all.count(), all.ko(),
                RampPlan.rate(config.arrivalRatePerSec()), config.duration().toSeconds(), floor, report, cold);
        return CheckResult.of(okPerSec >= floor, THROUGHPUT, okPerSec, floor, "req/s", okPerSec >= floor ? evidence
                : evidence + ": the site does not keep up with the offered load");
    }

    public CheckResult latencyP95() {
        long ceiling = config.maxP95().toMillis();
        Optional<RampResult.Step> step = ramp.flatMap(r -> r.highestHeld().or(() -> r.steps().stream().findFirst()));
        if (results.all().count() == 0) {
            return CheckResult.failed(P95, null, ceiling, "ms", "Gatling made no request; report " + report);
        }
        int p95 = step.map(RampResult.Step::p95Ms).orElse(results.all().p95Ms());
        String scope = step.map(s -> "step " + s.step() + " at " + RampPlan.rate(s.offeredPerSec()) + "/s")
                .orElse(results.all().count() + " requests");
        String slowest = results.requests().stream().max(java.util.Comparator.comparingInt(
                GatlingResults.RequestStats::p95Ms)).map(r -> "; slowest: '" + r.name() + "' p95 " + r.p95Ms() + " ms")
                .orElse("");
        String evidence = String.format(Locale.ROOT, "p95 %d ms over %s (p50 %d, p99 %d, max %d ms); ceiling %d ms%s;"
                + " report %s%s", p95, scope, results.all().p50Ms(), results.all().p99Ms(), results.all().maxMs(),
                ceiling, slowest, report, cold);
        return CheckResult.of(p95 <= ceiling, P95, p95, ceiling, "ms", evidence);
    }

    public CheckResult errors() {
        double ceiling = config.maxErrorRatio();
        if (results.all().count() == 0) {
            return CheckResult.failed(ERRORS, null, ceiling, "ratio", "Gatling made no request; report " + report);
        }
        Optional<RampResult.Step> step = ramp.flatMap(r -> r.highestHeld().or(() -> r.steps().stream().findFirst()));
        double ratio = LoadMath.round(step.map(RampResult.Step::errorRatio).orElse(results.all().errorRatio()), 4);
        String top = results.errors().stream().limit(3).map(e -> "'" + e.message() + "' x" + e.count())
                .collect(Collectors.joining(", "));
        String evidence = String.format(Locale.ROOT, "%d of %d requests failed (ratio %.4f%s); ceiling %.4f%s;"
                + " report %s", step.map(RampResult.Step::ko).orElse(results.all().ko()),
                step.map(RampResult.Step::requests).orElse(results.all().count()), ratio,
                step.map(s -> " in step " + s.step()).orElse(""), ceiling, top.isEmpty() ? "" : "; errors: " + top,
                report);
        return CheckResult.of(ratio <= ceiling, ERRORS, ratio, ceiling, "ratio", evidence);
    }
}
