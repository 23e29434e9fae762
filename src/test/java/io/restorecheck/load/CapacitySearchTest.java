package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {
    /** A site that holds every rate up to its knee; each probe takes 4 s of a fake clock. */
    private static final class FakeSite implements CapacitySearch.Prober {
        final double kneePerSec;
        final List<Double> offered = new ArrayList<>();
        long nanos;

        FakeSite(double kneePerSec) {
            this.kneePerSec = kneePerSec;
        }

        @Override
        public CapacityProbe probe(double rate) {
            offered.add(rate);
            nanos += 4_000_000_000L;
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
}
