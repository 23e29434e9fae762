package io.restorecheck.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One probe of the capacity search: a fixed arrival rate offered for a short step after a brief settle, and what
 * the site did with it during the step (the settle is not counted).
 *
 * @param offeredPerSec the arrival rate offered
 * @param requests      requests started during the step
 * @param servedPerSec  successful responses per second of step
 * @param brokeBecause  why the probe did not hold (p95, errors, served rate, stopped early); empty when it held
 * @param wallMs        how long the probe took, launch and report reading included
 */
public record CapacityProbe(double offeredPerSec, long requests, long ko, double servedPerSec, int p50Ms, int p95Ms,
                            Optional<String> brokeBecause, boolean stoppedEarly, long wallMs) {
    public boolean held() {
        return brokeBecause.isEmpty();
    }

    public double errorRatio() {
        return requests == 0 ? 0 : ko / (double) requests;
    }

    /** The probe as one line of the curve, e.g. "400/s: 398.7 served, p95 12 ms, 0 KO". */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s/s: %.1f served, p95 %d ms, %d KO%s", RampPlan.rate(offeredPerSec),
                servedPerSec, p95Ms, ko, brokeBecause.map(w -> " (broke: " + w + ")").orElse(""));
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offered_per_sec", offeredPerSec);
        m.put("served_per_sec", LoadMath.round(servedPerSec, 2));
        m.put("requests", requests);
        m.put("ko", ko);
        m.put("p50_ms", p50Ms);
        m.put("p95_ms", p95Ms);
        m.put("held", held());
        brokeBecause.ifPresent(w -> m.put("broke_because", w));
        m.put("stopped_early", stoppedEarly);
        m.put("wall_ms", wallMs);
        return m;
    }
}
