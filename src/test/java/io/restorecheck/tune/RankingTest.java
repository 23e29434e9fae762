package io.restorecheck.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RankingTest {
    private static VariantResult result(String name, double hit, long evictions, double... throughputs) {
        List<Sample> samples = java.util.Arrays.stream(throughputs)
                .mapToObj(t -> new Sample(t, 10, hit, evictions, (long) t * 10, 0)).toList();
        return new VariantResult(new Variant(name, Map.of(), Map.of("memory-mb", 1)), samples, Optional.empty());
    }

    @Test
    void ranksByMedianThroughputAndRecommendsTheBestWhenIntervalsAreApart() {
        VariantResult small = result("small-cache", 0.62, 900, 210, 190, 200);
        VariantResult big = result("big-cache", 0.99, 0, 800, 820, 810);

        Ranking r = Ranking.of(List.of(small, big));

        assertEquals(List.of(big, small), r.ranked());
        assertEquals(1, r.rankOf(big));
        assertEquals(2, r.rankOf(small));
        assertTrue(r.recommendation().startsWith("use 'big-cache': median 810 req/s [800..820]"),
                r.recommendation());
        assertTrue(r.recommendation().contains("beyond noise"), r.recommendation());
        assertTrue(r.recommendation().contains("hit ratio 0.99"), r.recommendation());
        assertTrue(r.recommendation().contains("75% confidence"), r.recommendation());
    }

    @Test
    void overlappingIntervalsAreCalledWithinNoise() {
        VariantResult a = result("a", 0.9, 0, 500, 560, 530);
        VariantResult b = result("b", 0.9, 0, 510, 520, 540);

        Ranking r = Ranking.of(List.of(a, b));

        assertEquals("a", r.ranked().get(0).variant().name());
        assertTrue(r.recommendation().contains("within noise"), r.recommendation());
    }

    @Test
    void variantsThatFailedAreNotRanked() {
        VariantResult ok = result("ok", 0.9, 0, 500, 510, 520);
        VariantResult bad = new VariantResult(new Variant("bad", Map.of("shared_buffers", "1TB"), Map.of()),
                List.of(), Optional.of("PostgreSQL did not start"));

        Ranking r = Ranking.of(List.of(bad, ok));

        assertEquals(List.of(ok), r.ranked());
        assertEquals(List.of(bad), r.failed());
        assertEquals(0, r.rankOf(bad));
        assertTrue(r.recommendation().startsWith("only 'ok' was measured"), r.recommendation());
        assertTrue(Ranking.of(List.of(bad)).recommendation().startsWith("no variant could be measured"));
    }

    @Test
    void tableAndMetricsCarryRankIntervalHitRatioAndEvictions() {
        VariantResult small = result("small-cache", 0.62, 900, 210, 190, 200);
        VariantResult big = result("big-cache", 0.99, 0, 800, 820, 810);
        Matrix matrix = new Matrix(java.nio.file.Path.of("m.conf"), List.of(small.variant(), big.variant()), 3,
                java.time.Duration.ofSeconds(8), java.time.Duration.ZERO, java.util.OptionalLong.empty());
        TuneRun.Outcome outcome = new TuneRun.Outcome(Schedule.interleaved(2, 3, java.util.OptionalLong.empty()),
                List.of(small, big), Ranking.of(List.of(small, big)));

        String text = TuneReport.text(outcome.ranking());
        Map<String, Object> metrics = TuneReport.metrics(matrix, outcome);

        assertTrue(text.lines().skip(1).findFirst().orElseThrow().matches(
                "\\s*1\\s+big-cache\\s+810\\s+800\\.\\.820 \\(75%\\)\\s+10\\.0\\s+0\\.990\\s+0\\s+3"), text);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> variants = (List<Map<String, Object>>) metrics.get("variants");
        assertEquals("big-cache", variants.get(0).get("name"));
        assertEquals(1, variants.get(0).get("rank"));
        assertEquals(Map.of("median", 810.0, "low", 800.0, "high", 820.0, "confidence", 0.75),
                variants.get(0).get("capacity"));
        assertEquals(0.62, variants.get(1).get("hit_ratio"));
        assertEquals(900L, variants.get(1).get("evictions"));
        assertEquals(Map.of("memcached.memory-mb", "1"), variants.get(1).get("settings"));
        assertTrue(TuneReport.markdown(matrix, outcome, "test").contains("| 1 | big-cache | 810 |"));
    }
}
