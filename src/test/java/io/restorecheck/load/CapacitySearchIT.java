package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity search through real Gatling launches against the sample wiki on real PostgreSQL and memcached: the
 * wiki whose memcached port is dead has a knee far below the cached one's.
 */
class CapacitySearchIT {
    private static WikiStack stack;

    @TempDir
    Path out;

    @BeforeAll
    static void start() throws Exception {
        stack = WikiStack.start(2000);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private CapacityResult search(String baseUrl, String label) throws Exception {
        List<String> titles = PageList.sample(PageList.titles(new io.restorecheck.config.DatabaseSection(
                stack.pg.jdbcUrl(WikiStack.DATABASE), "postgres", io.restorecheck.config.Secret.none()),
                "SELECT propercased_name AS title FROM curPages"), 200, 7);
        List<String> paths = titles.stream().map(t -> "/" + t.replace(' ', '_')).toList();
        WarmUp.run(baseUrl, paths, Duration.ofMinutes(1));
        LoadParameters params = new LoadParameters(URI.create(baseUrl), paths, List.of("/Recent_Changes"), 0.05, 1.0,
                100, 3200, Duration.ofSeconds(4), 1, Duration.ofSeconds(2), 0.01, 7);
        GatlingProber prober = new GatlingProber(params, Duration.ofSeconds(1), Duration.ofSeconds(3),
                out.resolve(label), p -> { });
        CapacityResult r = CapacitySearch.run(new CapacitySearch.Settings(100, 3200, 0.1, Duration.ofSeconds(50)),
                prober);
        long probeMs = r.probes().stream().mapToLong(CapacityProbe::wallMs).sum();
        System.out.printf("capacity %s: knee %s, %s; %d probes in %d ms (launch overhead %.0f ms per probe"
                        + " beyond its 4 s of load); curve %s%n", label, r.kneeText(), r.brokeText(),
                r.probes().size(), r.wallMs(), (probeMs - 4000.0 * r.probes().size()) / r.probes().size(),
                r.curveText());
        return r;
    }

    @Test
    void theWikiWithoutItsCacheHasAThirdOfTheCapacityOrLess() throws Exception {
        CapacityResult cached = search(stack.cached.baseUrl(), "cached");
        CapacityResult uncached = search(stack.uncached.baseUrl(), "uncached");
        assertFalse(uncached.lowerBound(), uncached.toString());
        assertTrue(uncached.lowestBroke().isPresent(), uncached.curveText());
        assertTrue(cached.kneePerSec() >= 3 * uncached.kneePerSec(), "cached " + cached.kneeText() + " vs uncached "
                + uncached.kneeText());
        assertTrue(Files.isRegularFile(out.resolve("uncached/capacity/probe-01-at-100/simulation.log")));
        assertTrue(uncached.probes().stream().filter(p -> !p.held()).allMatch(p -> p.brokeBecause().isPresent()));
        assertEquals(uncached.probes().size(), uncached.toJson().get("probes") instanceof List<?> l ? l.size() : -1);
    }
}
