package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads a real simulation.log written by Gatling 3.15.1 (WikiBrowse, 50/s for 5 s against a stub site where one
 * of the four pages answers 404).
 */
class GatlingResultsTest {
    private static GatlingResults read;

    /** Read once: loading Gatling's configuration and reader classes is the slow part. */
    private static synchronized GatlingResults fixture() throws URISyntaxException {
        if (read == null) {
            read = GatlingResults.read(Path.of(GatlingResultsTest.class.getResource("wikibrowse-simulation.log")
                    .toURI()));
        }
        return read;
    }

    @Test
    void totalsOkAndKoComeFromTheSimulationLog() throws Exception {
        GatlingResults r = fixture();
        assertEquals("io.restorecheck.simulations.WikiBrowse", r.simulation());
        assertEquals(250, r.all().count());
        assertEquals(211, r.all().ok());
        assertEquals(39, r.all().ko());
        assertEquals(39 / 250.0, r.all().errorRatio(), 1e-9);
        assertEquals(50.0, r.all().meanPerSec(), 0.5);
        assertEquals(4.96, r.durationSeconds(), 0.05);
    }

    @Test
    void percentilesAreOrderedAndMatchGatlingsOwnSummary() throws Exception {
        GatlingResults.RequestStats all = fixture().all();
        assertEquals(55, all.p95Ms());
        assertEquals(207, all.p99Ms());
        assertEquals(210, all.maxMs());
        assertTrue(all.p50Ms() <= all.p75Ms() && all.p75Ms() <= all.p95Ms() && all.p95Ms() <= all.p99Ms());
    }

    @Test
    void requestsAreSplitByNameAndErrorsByMessage() throws Exception {
        GatlingResults r = fixture();
        assertEquals(2, r.requests().size());
        GatlingResults.RequestStats pages = r.requests().stream().filter(q -> q.name().equals("view page"))
                .findFirst().orElseThrow();
        assertEquals(229, pages.count());
        assertEquals(39, pages.ko());
        assertEquals(21, r.requests().stream().filter(q -> q.name().equals("visit /Recent_Changes"))
                .findFirst().orElseThrow().count());
        assertEquals(1, r.errors().size());
        assertEquals("status.find.is(200), found 404", r.errors().get(0).message());
        assertEquals(39, r.errors().get(0).count());
    }
}
