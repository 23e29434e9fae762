package io.restorecheck.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CapacityRamp's steps as Gatling recorded them (request names carry the step), and the highest step that held:
 * p95 and error ratio within their ceilings. A step's p95 is the highest p95 among its request names, which errs
 * on the safe side.
 */
public record RampResult(List<Step> steps, Optional<Step> highestHeld) {
    /** One step: offered rate, what came back, and whether it held. */
    public record Step(int step, double offeredPerSec, long requests, long ko, double okPerSec, int p95Ms,
                       boolean held) {
        public double errorRatio() {
            return requests == 0 ? 0 : ko / (double) requests;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", step);
            m.put("offered_per_sec", offeredPerSec);
            m.put("requests", requests);
            m.put("ko", ko);
            m.put("ok_per_sec", LoadMath.round(okPerSec, 2));
            m.put("p95_ms", p95Ms);
            m.put("held", held);
            return m;
        }
    }

    public static RampResult of(GatlingResults results, List<Double> rates, Duration stepDuration, long maxP95Ms,
                                double maxErrorRatio) {
        Map<Integer, List<GatlingResults.RequestStats>> byStep = new TreeMap<>();
        for (GatlingResults.RequestStats r : results.requests()) {
            int step = RampPlan.stepOf(r.name());
            if (step > 0) {
                byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(r);
            }
        }
        List<Step> steps = new ArrayList<>();
        Step highest = null;
        boolean stillHolding = true;
        for (Map.Entry<Integer, List<GatlingResults.RequestStats>> e : byStep.entrySet()) {
            long requests = e.getValue().stream().mapToLong(GatlingResults.RequestStats::count).sum();
            long ko = e.getValue().stream().mapToLong(GatlingResults.RequestStats::ko).sum();
            int p95 = e.getValue().stream().mapToInt(GatlingResults.RequestStats::p95Ms).max().orElse(0);
            double offered = e.getKey() <= rates.size() ? rates.get(e.getKey() - 1) : 0;
            double okPerSec = (requests - ko) / (stepDuration.toMillis() / 1000.0);
            boolean held = requests > 0 && p95 <= maxP95Ms && ko / (double) requests <= maxErrorRatio;
            Step step = new Step(e.getKey(), offered, requests, ko, okPerSec, p95, held);
            steps.add(step);
            stillHolding &= held;
            if (stillHolding) {
                highest = step;
            }
        }
        return new RampResult(steps, Optional.ofNullable(highest));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps.stream().map(Step::toJson).toList());
        m.put("capacity_per_sec", highestHeld.map(s -> LoadMath.round(s.okPerSec(), 2)).orElse(0.0));
        m.put("highest_step_held", highestHeld.map(Step::step).orElse(0));
        return m;
    }
}
