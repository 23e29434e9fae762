package io.restorecheck.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a simulation needs from the harness: where the site answers, the pages to visit (most popular first), the
 * rates and the bounds. The harness {@linkplain #install installs} them before it launches Gatling in the same JVM;
 * a simulation reads them with {@link #current()} in its constructor. A user's own simulation does the same.
 *
 * @param pagePaths        absolute paths of the sampled pages, in popularity rank order (rank 1 first)
 * @param alsoVisitPaths   other paths to visit (e.g. /Recent_Changes), together alsoVisitShare of the requests
 * @param popularitySkew   Zipf exponent over pagePaths: 0 uniform, 1 classic popularity
 * @param maxRatePerSec    no simulation may offer more than this
 * @param rampSteps        CapacityRamp's steps from arrivalRatePerSec to maxRatePerSec
 */
public record LoadParameters(URI baseUrl, List<String> pagePaths, List<String> alsoVisitPaths, double alsoVisitShare,
                             double popularitySkew, double arrivalRatePerSec, double maxRatePerSec, Duration duration,
                             int rampSteps, Duration maxP95, double maxErrorRatio, long seed) {
    private static volatile LoadParameters current;

    public LoadParameters {
        Objects.requireNonNull(baseUrl, "baseUrl");
        pagePaths = List.copyOf(pagePaths);
        alsoVisitPaths = List.copyOf(alsoVisitPaths);
        if (pagePaths.isEmpty() && alsoVisitPaths.isEmpty()) {
            throw new IllegalArgumentException("nothing to visit: no page paths and no other paths");
        }
        if (arrivalRatePerSec <= 0 || maxRatePerSec < arrivalRatePerSec) {
            throw new IllegalArgumentException("rates must be 0 < arrival (" + arrivalRatePerSec + ") <= max ("
                    + maxRatePerSec + ")");
        }
        if (rampSteps < 1 || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("rampSteps (" + rampSteps + ") and duration (" + duration
                    + ") must be positive");
        }
    }

    /** The same visits at one fixed rate for a while (a capacity probe); the max rate is raised to it if needed. */
    public LoadParameters atRate(double ratePerSec, Duration forDuration) {
        return new LoadParameters(baseUrl, pagePaths, alsoVisitPaths, alsoVisitShare, popularitySkew, ratePerSec,
                Math.max(ratePerSec, maxRatePerSec), forDuration, rampSteps, maxP95, maxErrorRatio, seed);
    }

    /** Makes these the parameters of the next simulation run in this JVM. */
    public static void install(LoadParameters parameters) {
        current = parameters;
    }

    /** The installed parameters; a simulation started outside the harness fails here with a clear message. */
    public static LoadParameters current() {
        LoadParameters p = current;
        if (p == null) {
            throw new IllegalStateException("no load parameters installed: restorecheck simulations are launched by"
                    + " the harness (restorecheck accept / demo), which installs them first");
        }
        return p;
    }

    /** The request rates of CapacityRamp's steps: rampSteps evenly spaced rates from arrival to max rate. */
    public List<Double> rampRatesPerSec() {
        return RampPlan.rates(arrivalRatePerSec, maxRatePerSec, rampSteps);
    }

    /** How long each CapacityRamp step lasts: the duration shared by the steps, at least one second each. */
    public Duration rampStepDuration() {
        return RampPlan.stepDuration(duration, rampSteps);
    }

    /** The base URL without a trailing slash, as Gatling's baseUrl wants it. */
    public String baseUrlText() {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
