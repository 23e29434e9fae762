package io.restorecheck.load;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches one capacity probe while it runs: names each request by phase (the brief settle, then the measured
 * step) and says when the probe has broken so badly that going on only piles up requests against a dying site:
 * more requests in flight than the ceilings allow (Little's law: rate x p95 ceiling), or already more
 * slow or failed requests in the step than its p95 or error ceiling tolerates over the whole step. Only steers
 * the run: the probe's numbers come from Gatling's own results afterwards.
 */
public final class ProbeGuard {
    private static final String SETTLE = "settle at ";
    private static final String STEP = "probe at ";
    private static volatile ProbeGuard current;

    private final double ratePerSec;
    private final long settleNanos;
    private final long maxP95Ms;
    private final long inFlightLimit;
    private final long slowLimit;
    private final long failedLimit;
    private final AtomicLong t0 = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger slowInStep = new AtomicInteger();
    private final AtomicInteger failedInStep = new AtomicInteger();
    private volatile String stopped;

    public ProbeGuard(double ratePerSec, Duration settle, Duration step, long maxP95Ms, double maxErrorRatio) {
        this.ratePerSec = ratePerSec;
        this.settleNanos = settle.toNanos();
        this.maxP95Ms = maxP95Ms;
        double expected = ratePerSec * step.toMillis() / 1000.0;
        // At least a second's worth of arrivals: a GC pause or a scheduler stall on a busy machine is not a queue.
        this.inFlightLimit = Math.max(20, Math.round(ratePerSec * Math.max(maxP95Ms, 1000) / 1000.0));
        this.slowLimit = Math.max(1, (long) Math.floor(expected * 0.05));
        this.failedLimit = Math.max(1, (long) Math.floor(expected * maxErrorRatio));
    }

    /**
     * How long the stragglers of a probe get after its last arrival: twice the p95 ceiling, 2 to 10 s. Answers
     * later than that count as missing; the probe's simulation ends there (Gatling's maxDuration).
     */
    public static Duration drain(Duration maxP95) {
        return Duration.ofMillis(Math.min(10_000, Math.max(2_000, 2 * maxP95.toMillis())));
    }

    /** Makes this the guard of the next probe launched in this JVM. */
    public static void install(ProbeGuard guard) {
        current = guard;
    }

    public static ProbeGuard current() {
        ProbeGuard g = current;
        if (g == null) {
            throw new IllegalStateException("no capacity probe installed: CapacityStep is launched by the harness's"
                    + " capacity search");
        }
        return g;
    }

    public double ratePerSec() {
        return ratePerSec;
    }

    /** The name of a request starting now: the settle's or the measured step's. Also counts it in flight. */
    public String start() {
        long now = System.nanoTime();
        t0.compareAndSet(Long.MIN_VALUE, now);
        inFlight.incrementAndGet();
        return (now - t0.get() < settleNanos ? SETTLE : STEP) + RampPlan.rate(ratePerSec) + "/s";
    }

    /** A request ended (responseMs is Long.MAX_VALUE when no response came). */
    public void finished(String name, long responseMs, boolean ok) {
        inFlight.decrementAndGet();
        if (name.startsWith(STEP)) {
            if (!ok) {
                failedInStep.incrementAndGet();
            } else if (responseMs > maxP95Ms) {
                slowInStep.incrementAndGet();
            }
        }
    }

    /** Why the probe should stop now, or empty to go on. Once broken, stays broken. */
    public Optional<String> brokenBadly() {
        if (stopped == null) {
            int flying = inFlight.get();
            if (flying > inFlightLimit) {
                stopped = flying + " requests in flight at " + RampPlan.rate(ratePerSec) + "/s (more than "
                        + inFlightLimit + "): the site is queueing";
            } else if (slowInStep.get() + failedInStep.get() > slowLimit) {
                stopped = String.format(Locale.ROOT, "%d requests slower than %d ms or failed, more than 5%% of the"
                        + " step: its p95 cannot hold", slowInStep.get() + failedInStep.get(), maxP95Ms);
            } else if (failedInStep.get() > failedLimit) {
                stopped = failedInStep.get() + " requests failed, more than the error ceiling allows in the step";
            }
        }
        return Optional.ofNullable(stopped);
    }

    /** Why the probe was stopped early, if it was. */
    public Optional<String> stoppedBecause() {
        return Optional.ofNullable(stopped);
    }

    /** Whether a request name from Gatling's results belongs to the measured step. */
    public static boolean isStep(String requestName) {
        return requestName.startsWith(STEP);
    }
}
