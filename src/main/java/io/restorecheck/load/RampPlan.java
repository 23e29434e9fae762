package io.restorecheck.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CapacityRamp's steps: evenly spaced rates, the request names that carry the step, and reading them back. */
public final class RampPlan {
    private static final String PREFIX = "step ";

    private RampPlan() {
    }

    static List<Double> rates(double fromPerSec, double toPerSec, int steps) {
        List<Double> rates = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            double rate = steps == 1 ? toPerSec : fromPerSec + (toPerSec - fromPerSec) * i / (steps - 1);
            rates.add(Math.round(rate * 10) / 10.0);
        }
        return rates;
    }

    static Duration stepDuration(Duration total, int steps) {
        return Duration.ofMillis(Math.max(1_000, total.toMillis() / steps));
    }

    /** The request name of a step, e.g. "step 2 at 60/s: view page"; the report lists the steps in order. */
    public static String requestName(int step, double ratePerSec, String request) {
        return PREFIX + step + " at " + rate(ratePerSec) + "/s: " + request;
    }

    /** The step a request name belongs to, or 0 when it is not a ramp request. */
    static int stepOf(String requestName) {
        if (!requestName.startsWith(PREFIX)) {
            return 0;
        }
        int end = requestName.indexOf(' ', PREFIX.length());
        try {
            return Integer.parseInt(requestName.substring(PREFIX.length(), end < 0 ? requestName.length() : end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A rate as people write it: "200", "12.5". */
    public static String rateText(double ratePerSec) {
        return rate(ratePerSec);
    }

    static String rate(double ratePerSec) {
        return ratePerSec == Math.rint(ratePerSec) ? Long.toString((long) ratePerSec)
                : String.format(Locale.ROOT, "%.1f", ratePerSec);
    }
}
