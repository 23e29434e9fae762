package io.restorecheck.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.load.LoadParameters;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectorPlanTest {
    private static LoadParameters load(double rate) {
        return new LoadParameters(URI.create("http://127.0.0.1:8080"), List.of("/A", "/B_c"),
                List.of("/Recent_Changes", "/Other"), 0.05, 1.0, rate, rate * 5, Duration.ofSeconds(30), 5,
                Duration.ofMillis(250), 0.01, 42L);
    }

    @Test
    void sharesAreRateOverCountWithTheRemainderSpreadAndSumToTheRate() {
        // Rates are split in thousandths of a request per second: 100/s over 3 is 33.334 + 33.333 + 33.333.
        assertEquals(List.of(33.334, 33.333, 33.333), List.of(InjectorPlan.share(100, 3, 0),
                InjectorPlan.share(100, 3, 1), InjectorPlan.share(100, 3, 2)));
        assertEquals(List.of(3.0, 2.0, 2.0), List.of(InjectorPlan.share(0.007, 3, 0) * 1000,
                InjectorPlan.share(0.007, 3, 1) * 1000, InjectorPlan.share(0.007, 3, 2) * 1000));
        for (double rate : new double[] {100, 7.5, 1000, 0.3}) {
            for (int n = 1; n <= 7; n++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += InjectorPlan.share(rate, n, i);
                }
                assertEquals(rate, sum, 1e-9, rate + "/s over " + n);
            }
        }
    }

    @Test
    void eachInjectorGetsItsShareAndItsOwnPopularityDraw() {
        InjectorPlan plan = new InjectorPlan("WikiBrowse", load(10), 4, 1L);
        LoadParameters second = plan.shareOf(1);
        assertEquals(2.5, second.arrivalRatePerSec(), 1e-9);
        assertEquals(12.5, second.maxRatePerSec(), 1e-9);
        assertEquals(43L, second.seed());
        assertEquals(Duration.ofSeconds(30), second.duration());
    }

    @Test
    void planSurvivesItsFilesUnchanged(@TempDir Path dir) {
        InjectorPlan plan = new InjectorPlan("io.restorecheck.simulations.WikiBrowse", load(123.4), 3, 1_796_500_000L);
        plan.write(dir);
        assertEquals(plan, InjectorPlan.read(dir));
    }

    @Test
    void aRateTooSmallToShareIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InjectorPlan("WikiBrowse", load(0.002), 3, 1L));
        assertTrue(e.getMessage().contains("cannot be shared by 3 injectors"), e.getMessage());
    }
}
