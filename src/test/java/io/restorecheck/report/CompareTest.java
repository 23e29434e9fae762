package io.restorecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
    @TempDir
    Path reports;

    @Test
    void statusesSideBySideAndNumericMetricsWithDeltas() throws Exception {
        Summary a = written("bench", LocalDateTime.of(2026, 11, 25, 2, 0), new Summary("bench", "s", "f",
                List.of(CheckResult.passed("load.throughput", 98.7, 150, "req/s", "ok"),
                        CheckResult.passed("cache.hit-ratio", 0.96, 0.9, "", "ok"),
                        CheckResult.passed("pages.status", 300, 300, "pages", "ok")),
                Map.of("load", Map.of("throughput", 98.7, "p95_ms", 12, "label", "lab"),
                        "cache", Map.of("hit_ratio", 0.96, "evictions", 0))));
        Summary b = written("bench", LocalDateTime.of(2026, 11, 26, 2, 0), new Summary("bench", "s", "f",
                List.of(CheckResult.failed("load.throughput", 41.2, 150, "req/s", "slow"),
                        CheckResult.failed("cache.hit-ratio", 0.0, 0.9, "", "no hits"),
                        CheckResult.passed("pages.status", 300, 300, "pages", "ok"),
                        CheckResult.passed("bench.regression", 1, 1, "", "new")),
                Map.of("load", Map.of("throughput", 41.2, "p95_ms", 240, "errors", List.of(1, 2)),
                        "cache", Map.of("hit_ratio", 0.0, "evictions", 0))));

        Compare.Result r = Compare.of("20261125-020000-bench", a, "20261126-020000-bench", b);

        assertEquals(List.of(
                new Compare.CheckRow("load.throughput", "passed", "failed", true),
                new Compare.CheckRow("cache.hit-ratio", "passed", "failed", true),
                new Compare.CheckRow("pages.status", "passed", "passed", false),
                new Compare.CheckRow("bench.regression", null, "passed", true)), r.checks());
        Map<String, Compare.MetricRow> m = new java.util.LinkedHashMap<>();
        r.metrics().forEach(row -> m.put(row.path(), row));
        assertEquals(java.util.Set.of("cache.evictions", "cache.hit_ratio", "load.p95_ms", "load.throughput",
                "load.errors[0]", "load.errors[1]"), m.keySet(), "numeric leaves only, the text one skipped");
        assertTrue(r.metrics().get(0).path().startsWith("cache.") && r.metrics().get(1).path().startsWith("cache."),
                "top-level metrics sorted by name: " + m.keySet());
        Compare.MetricRow throughput = m.get("load.throughput");
        assertEquals(-57.5, throughput.delta(), 1e-9);
        assertEquals(-57.5 / 98.7 * 100, throughput.deltaPercent(), 1e-9);
        assertEquals(1900.0, m.get("load.p95_ms").deltaPercent(), 1e-9);
        assertEquals(0.0, m.get("cache.evictions").delta());
        assertTrue(!m.get("cache.evictions").changed());
        assertNull(m.get("load.errors[0]").a());
        assertEquals(3, r.changedChecks());
        assertEquals(5, r.changedMetrics());
        assertEquals("20261125-020000-bench vs 20261126-020000-bench: 3 checks changed status, 5 metrics differ",
                r.headline());

        String text = r.text();
        assertTrue(text.contains("load.throughput   passed  failed  <- changed"), text);
        assertTrue(text.contains("bench.regression  -       passed  <- changed"), text);
        assertTrue(text.matches("(?s).*load\\.throughput\\s+98\\.7\\s+41\\.2\\s+-57\\.5\\s+-58\\.257%.*"), text);
        assertTrue(text.matches("(?s).*load\\.p95_ms\\s+12\\s+240\\s+\\+228\\s+\\+1900%.*"), text);
        String md = r.markdown();
        assertTrue(md.contains("| `load.throughput` | passed | failed | **changed** |"), md);
        assertTrue(md.contains("| `load.throughput` | 98.7 | 41.2 | -57.5 | -58.257% |"), md);
        assertTrue(md.contains("| `load.errors[0]` | - | 1 | - | - |"), md);
    }

    private Summary written(String command, LocalDateTime when, Summary summary) throws Exception {
        RunDirectory dir = RunDirectory.create(reports, command, when);
        SummaryWriter.write(dir, summary);
        return SummaryWriter.read(dir.resolve("summary.json"));
    }
}
