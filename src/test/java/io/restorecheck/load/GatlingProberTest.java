package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatlingProberTest {
    private static GatlingProber prober(Duration maxP95) {
        LoadParameters params = new LoadParameters(URI.create("http://127.0.0.1:1"), List.of("/a"), List.of(), 0, 1,
                100, 1000, Duration.ofSeconds(10), 1, maxP95, 0.01, 1);
        return new GatlingProber(params, Duration.ofSeconds(1), Duration.ofSeconds(3), Path.of("unused"), p -> { });
    }

    @Test
    void aProbeTakesAtMostItsLoadTheStragglersDrainAndTheLaunchAllowance() {
        // 1 s settle + 3 s step + drain 2 x p95 ceiling (4 s) + 1.5 s launch.
        assertEquals(Duration.ofMillis(9500), prober(Duration.ofSeconds(2)).longest(500));
        // The drain is at least 2 s and at most 10 s, whatever the ceiling.
        assertEquals(Duration.ofMillis(7500), prober(Duration.ofMillis(100)).longest(500));
        assertEquals(Duration.ofMillis(15_500), prober(Duration.ofSeconds(30)).longest(500));
    }
}
