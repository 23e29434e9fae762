package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageFeederTest {
    @Test
    void zipfProbabilitiesFallWithRankAndSumToOne() {
        ZipfRanks z = new ZipfRanks(100, 1.0);
        double harmonic = IntStream.rangeClosed(1, 100).mapToDouble(k -> 1.0 / k).sum();
        assertEquals(1 / harmonic, z.probability(1), 1e-12);
        assertEquals(z.probability(1) / 2, z.probability(2), 1e-12);
        assertEquals(1.0, IntStream.rangeClosed(1, 100).mapToDouble(z::probability).sum(), 1e-9);
    }

    @Test
    void skewZeroIsUniform() {
        ZipfRanks z = new ZipfRanks(4, 0);
        for (int rank = 1; rank <= 4; rank++) {
            assertEquals(0.25, z.probability(rank), 1e-12);
        }
    }

    @Test
    void drawsFollowTheDistribution() {
        ZipfRanks z = new ZipfRanks(50, 1.0);
        SplittableRandom random = new SplittableRandom(1);
        int[] counts = new int[51];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[z.draw(random)]++;
        }
        assertEquals(z.probability(1), counts[1] / (double) n, 0.01);
        assertEquals(z.probability(10), counts[10] / (double) n, 0.005);
        assertEquals(0, counts[0]);
    }

    @Test
    void popularPagesAreViewedMostAndOtherPathsGetTheirShare() {
        List<String> pages = IntStream.rangeClosed(1, 20).mapToObj(i -> "/Page_" + i).toList();
        PageFeeder feeder = new PageFeeder(pages, List.of("/Recent_Changes"), 0.05, 1.0, 3);
        Map<String, Integer> seen = new HashMap<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            Map<String, Object> visit = feeder.next();
            seen.merge((String) visit.get("path"), 1, Integer::sum);
            if (visit.get("path").equals("/Recent_Changes")) {
                assertEquals("visit /Recent_Changes", visit.get("request"));
            } else {
                assertEquals(PageFeeder.VIEW_PAGE, visit.get("request"));
            }
        }
        assertEquals(0.05, seen.get("/Recent_Changes") / (double) n, 0.005);
        assertTrue(seen.get("/Page_1") > seen.get("/Page_2") && seen.get("/Page_2") > seen.get("/Page_20"), seen::toString);
    }

    @Test
    void onlyOtherPathsWhenThereAreNoPages() {
        PageFeeder feeder = new PageFeeder(List.of(), List.of("/a", "/b"), 0.05, 1.0, 3);
        assertEquals("/a", feeder.next().get("path"));
        assertEquals("/b", feeder.next().get("path"));
    }
}
