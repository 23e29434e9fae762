package io.restorecheck.load;

import io.restorecheck.report.CheckResult;
import java.util.Locale;

/**
 * {@code load.capacity}: the knee the capacity search measured, in req/s, against {@code load.min-capacity}. The
 * message states the knee, the rate that broke and why, and every probe of the curve, so the operator sees the
 * number they would have measured by hand.
 */
public final class CapacityVerdict {
    public static final String CAPACITY = "load.capacity";

    private CapacityVerdict() {
    }

    /**
     * @param where the chart and the probes' Gatling logs, for the message
     */
    public static CheckResult of(CapacityResult r, double minCapacityPerSec, long maxP95Ms, double maxErrorRatio,
                                 String where) {
        if (r.probes().isEmpty()) {
            // Nothing was measured, so the site is neither above nor below the floor: the settings are at fault.
            return CheckResult.broken(CAPACITY, "no capacity probe ran: " + r.kneeText() + " (a probe takes up to"
                    + " load.capacity-settle + load.capacity-step + the stragglers' drain, 2 x load.max-p95 within"
                    + " 2 to 10 s, + 1.5 s for the launch); raise load.capacity-budget, or set it to 0s to turn the"
                    + " search off");
        }
        double knee = r.kneePerSec();
        String held = r.highestHeld().map(p -> String.format(Locale.ROOT, " (at %s/s: %.1f served, p95 %d ms, %d KO)",
                RampPlan.rate(p.offeredPerSec()), p.servedPerSec(), p.p95Ms(), p.ko())).orElse("");
        String message = String.format(Locale.ROOT, "capacity knee %s%s; %s; floor %s req/s; ceilings p95 %d ms,"
                        + " errors %.4f; curve: %s; %d probes in %.1f s; %s", r.kneeText(), held, r.brokeText(),
                RampPlan.rate(minCapacityPerSec), maxP95Ms, maxErrorRatio, r.curveText(), r.probes().size(),
                r.wallMs() / 1000.0, where);
        boolean ok = r.highestHeld().isPresent() && knee >= minCapacityPerSec;
        return CheckResult.of(ok, CAPACITY, knee, minCapacityPerSec, "req/s", ok ? message
                : message + ": the site sustains less than the floor; look at what the slowest request waits on"
                + " (cache, database, app threads)");
    }
}
