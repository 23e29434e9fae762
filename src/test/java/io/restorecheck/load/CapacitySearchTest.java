package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {
    /**
     * A site that holds every rate up to its knee; a probe that holds takes 4 s of a fake clock, one that breaks
     * {@code brokeSeconds} (its stragglers drain), and the prober declares {@code longest} as its bound.
     */
    private static final class FakeSite implements CapacitySearch.Prober {
        final double kneePerSec;
        final List<Double> offered = new ArrayList<>();
        long brokeSeconds = 4;
        Duration longest = Duration.ZERO;
        long nanos;

        FakeSite(double kneePerSec) {
            this.kneePerSec = kneePerSec;
        }

        FakeSite breakingTakes(long seconds, Duration declaredLongest) {
            brokeSeconds = seconds;
            longest = declaredLongest;
            return this;
        }

        @Override
        public Duration longest(double rate) {
            return longest;
        }

        @Override
        public CapacityProbe probe(double rate) {
            offered.add(rate);
            nanos += (rate <= kneePerSec ? 4 : brokeSeconds) * 1_000_000_000L;
            boolean held = rate <= kneePerSec;
            return new CapacityProbe(rate, (long) (rate * 3), 0, held ? rate : kneePerSec, 5, held ? 50 : 4000,
                    held ? Optional.empty() : Optional.of("p95 4000 ms > 2000 ms"), false, 4000);
        }
    }

    private static CapacityResult search(FakeSite site, double start, double max, Duration budget) {
        return new CapacitySearch(new CapacitySearch.Settings(start, max, 0.1, budget), site, () -> site.nanos).run();
    }

    @Test
    void doublesThenBisectsToWithinTheResolutionOfTheKnee() {
        FakeSite site = new FakeSite(300);
        CapacityResult r = search(site, 50, 10_000, Duration.ofMinutes(5));
        assertEquals(List.of(50.0, 100.0, 200.0, 400.0, 300.0, 350.0, 325.0), site.offered);
        assertEquals(CapacityResult.End.RESOLVED, r.end());
        assertEquals(300.0, r.kneePerSec());
        assertEquals(325.0, r.lowestBroke().orElseThrow().offeredPerSec());
        assertTrue(325 - 300 <= 0.1 * 300);
        assertEquals("300 req/s", r.kneeText());
        assertTrue(r.brokeText().contains("325/s broke: p95 4000 ms"), r.brokeText());
    }

    @Test
    void aStartRateThatBreaksHalvesDownBeforeBisecting() {
        FakeSite site = new FakeSite(30);
        CapacityResult r = search(site, 100, 800, Duration.ofMinutes(5));
        assertEquals(List.of(100.0, 50.0, 25.0, 38.0, 32.0, 29.0), site.offered.subList(0, 6));
        assertEquals(CapacityResult.End.RESOLVED, r.end());
        assertTrue(r.kneePerSec() <= 30 && r.kneePerSec() >= 27, r.toString());
        assertTrue(r.probes().stream().noneMatch(p -> p.offeredPerSec() > 100), "never above the first break");
    }

    @Test
    void theMaxRateEndsTheSearchWithALowerBound() {
        FakeSite site = new FakeSite(5000);
        CapacityResult r = search(site, 100, 500, Duration.ofMinutes(5));
        assertEquals(List.of(100.0, 200.0, 400.0, 500.0), site.offered);
        assertTrue(r.lowerBound());
        assertTrue(r.kneeText().startsWith("at least 500 req/s"), r.kneeText());
    }

    @Test
    void theBudgetStopsBeforeAProbeItCannotPayFor() {
        FakeSite site = new FakeSite(5000);
        CapacityResult r = search(site, 100, 100_000, Duration.ofSeconds(14));
        assertEquals(List.of(100.0, 200.0, 400.0), site.offered, "a fourth 4 s probe would end at 16 s > 14 s");
        assertEquals(CapacityResult.End.BUDGET, r.end());
        assertTrue(r.kneeText().startsWith("at least 400 req/s (load.capacity-budget 14 s"), r.kneeText());
    }

    @Test
    void aSiteThatHoldsNothingHasNoKnee() {
        FakeSite site = new FakeSite(0.5);
        CapacityResult r = search(site, 8, 100, Duration.ofMinutes(5));
        assertEquals(List.of(8.0, 4.0, 2.0, 1.0), site.offered);
        assertEquals(CapacityResult.End.NOTHING_HELD, r.end());
        assertEquals(0.0, r.kneePerSec());
        assertEquals("none: even 1/s broke", r.kneeText());
    }

    @Test
    void aProbeThatMayDrainLongerIsNotStartedWhenItCouldOverrunTheBudget() {
        // Held probes took 4 s each; a breaking one drains for 9 s. Judged by the held ones, a fourth probe at
        // 12 s would fit a 20 s budget, but it breaks and would end at 21 s: the prober's bound (9 s) says no.
        FakeSite site = new FakeSite(300).breakingTakes(9, Duration.ofSeconds(9));
        CapacityResult r = search(site, 50, 10_000, Duration.ofSeconds(20));
        assertEquals(List.of(50.0, 100.0, 200.0), site.offered);
        assertEquals(CapacityResult.End.BUDGET, r.end());
        assertTrue(site.nanos <= 20_000_000_000L, "ended at " + site.nanos / 1e9 + " s");
        assertTrue(r.kneeText().startsWith("at least 200 req/s (load.capacity-budget 20 s"), r.kneeText());
    }

    @Test
    void aBudgetShorterThanOneProbeStartsNone() {
        FakeSite site = new FakeSite(300).breakingTakes(9, Duration.ofSeconds(9));
        CapacityResult r = search(site, 50, 10_000, Duration.ofSeconds(8));
        assertEquals(List.of(), site.offered);
        assertEquals(CapacityResult.End.BUDGET, r.end());
        assertEquals("none measured: load.capacity-budget 8 s is shorter than one probe", r.kneeText());
    }

    @Test
    void aProbeSlowerThanItsBoundRaisesTheEstimateForTheNextOnes() {
        // The prober claims 2 s, but probes take 4 s (a busy machine): after the first, 4 s is the estimate.
        FakeSite site = new FakeSite(5000).breakingTakes(4, Duration.ofSeconds(2));
        CapacityResult r = search(site, 100, 100_000, Duration.ofSeconds(14));
        assertEquals(List.of(100.0, 200.0, 400.0), site.offered);
        assertTrue(site.nanos <= 14_000_000_000L);
    }

    @Test
    void theSearchNeverEndsAfterItsBudget() {
        for (double knee : new double[] {0.5, 3, 30, 299, 3000, 70_000}) {
            for (double start : new double[] {10, 100, 1000}) {
                for (long brokeSeconds = 4; brokeSeconds <= 14; brokeSeconds += 5) {
                    for (int budgetS = 0; budgetS <= 90; budgetS += 3) {
                        FakeSite site = new FakeSite(knee).breakingTakes(brokeSeconds,
                                Duration.ofSeconds(Math.max(4, brokeSeconds)));
                        search(site, start, 64_000, Duration.ofSeconds(budgetS));
                        assertTrue(site.nanos <= budgetS * 1_000_000_000L, "knee " + knee + ", start " + start
                                + ", breaking probes " + brokeSeconds + " s, budget " + budgetS + " s: ended at "
                                + site.nanos / 1e9 + " s after " + site.offered);
                    }
                }
            }
        }
    }
}
