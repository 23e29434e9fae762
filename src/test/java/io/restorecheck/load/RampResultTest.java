package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RampResultTest {
    private static GatlingResults.RequestStats row(String name, long count, long ko, int p95) {
        return new GatlingResults.RequestStats(name, count, count - ko, ko, 0, 0, 0, 0, p95, p95, p95);
    }

    @Test
    void ratesAreEvenlySpacedFromArrivalToMax() {
        assertEquals(List.of(50.0, 100.0, 150.0, 200.0), RampPlan.rates(50, 200, 4));
        assertEquals(List.of(80.0), RampPlan.rates(20, 80, 1));
        assertEquals(Duration.ofSeconds(5), RampPlan.stepDuration(Duration.ofSeconds(20), 4));
    }

    @Test
    void requestNamesCarryTheStep() {
        String name = RampPlan.requestName(3, 150, "view page");
        assertEquals("step 3 at 150/s: view page", name);
        assertEquals(3, RampPlan.stepOf(name));
        assertEquals(0, RampPlan.stepOf("view page"));
    }

    @Test
    void capacityIsTheHighestStepBeforeTheFirstBreak() {
        List<Double> rates = List.of(50.0, 100.0, 150.0);
        GatlingResults results = new GatlingResults("CapacityRamp", row("all", 1500, 30, 900), List.of(
                row("step 1 at 50/s: view page", 250, 0, 20), row("step 1 at 50/s: visit /Recent_Changes", 10, 0, 30),
                row("step 2 at 100/s: view page", 500, 1, 200),
                row("step 3 at 150/s: view page", 740, 29, 1800)), List.of(), 15);
        RampResult r = RampResult.of(results, rates, Duration.ofSeconds(5), 1000, 0.01);
        assertEquals(3, r.steps().size());
        assertEquals(30, r.steps().get(0).p95Ms(), "a step's p95 is the highest among its request names");
        assertTrue(r.steps().get(1).held());
        assertFalse(r.steps().get(2).held());
        assertEquals(2, r.highestHeld().orElseThrow().step());
        assertEquals(499 / 5.0, r.highestHeld().orElseThrow().okPerSec(), 1e-9);
    }

    @Test
    void aStepAfterABreakDoesNotCountEvenIfItHeld() {
        GatlingResults results = new GatlingResults("CapacityRamp", row("all", 3, 0, 1), List.of(
                row("step 1 at 1/s: view page", 10, 5, 10), row("step 2 at 2/s: view page", 10, 0, 10)),
                List.of(), 2);
        assertTrue(RampResult.of(results, List.of(1.0, 2.0), Duration.ofSeconds(1), 1000, 0.01).highestHeld()
                .isEmpty());
    }

    @Test
    void guardStopsTheRampAfterAStepBrokeTheP95Ceiling() {
        RampGuard guard = new RampGuard(100, 0.01);
        for (int i = 0; i < 100; i++) {
            guard.record(1, 10, true);
            guard.record(2, i < 90 ? 10 : 500, true);
        }
        assertTrue(guard.brokenBefore(2).isEmpty());
        assertTrue(guard.brokenBefore(3).orElseThrow().contains("step 2 broke the p95 ceiling: 500 ms > 100 ms"));
    }
}
