package io.restorecheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchHistoryTest {
    @TempDir
    Path tmp;

    @Test
    void missingHistoryFileIsAnEmptyHistory() {
        assertEquals(List.of(), BenchHistory.load(tmp.resolve("nowhere")));
    }

    @Test
    void appendedRecordsLoadBackInOrderOneLineEach() throws Exception {
        Path dir = tmp.resolve("history/nested");
        List<BenchRecord> runs = BenchRecords.stable();
        runs.forEach(r -> BenchHistory.append(dir, r));
        BenchRecord noCache = new BenchRecord("2026-11-06T02:00:00Z", "site", null, 50, 1, 2, 3, 0.01, null, null,
                null, "20261106-020000-bench");
        BenchHistory.append(dir, noCache);

        List<BenchRecord> loaded = BenchHistory.load(dir);
        assertEquals(6, loaded.size());
        assertEquals(runs, loaded.subList(0, 5));
        assertEquals(noCache, loaded.get(5));
        assertNull(loaded.get(5).hitRatio());
        assertEquals(Map.of(), loaded.get(5).settings());
        List<String> lines = Files.readAllLines(BenchHistory.file(dir));
        assertEquals(6, lines.size());
        assertTrue(lines.get(0).startsWith("{\"time\":\"2026-11-01T02:00:00Z\",\"label\":\"lab\",\"commit\":\"f6ff521\","
                + "\"throughput\":98.7,\"p50_ms\":"), lines.get(0));
        assertTrue(lines.get(0).contains("\"settings\":{\"memcached.maxbytes\":\"64m\",\"shared_buffers\":\"128MB\"}"),
                lines.get(0));
    }

    @Test
    void capacityRoundTripsAndLinesFromBeforeItLoadWithoutOne() throws Exception {
        Path dir = tmp.resolve("with-capacity");
        BenchRecord old = BenchRecords.stable().get(0);
        BenchHistory.append(dir, old);
        BenchHistory.append(dir, BenchRecords.stable().get(1).withCapacity(1800.0));
        List<String> lines = Files.readAllLines(BenchHistory.file(dir));
        Files.writeString(BenchHistory.file(dir), lines.get(0).replace(",\"capacity\":null", "") + "\n"
                + lines.get(1) + "\n");

        List<BenchRecord> loaded = BenchHistory.load(dir);
        assertNull(loaded.get(0).capacity());
        assertEquals(old, loaded.get(0));
        assertEquals(1800.0, loaded.get(1).capacity());
        assertTrue(lines.get(1).endsWith(",\"capacity\":1800.0}"), lines.get(1));
    }

    @Test
    void corruptLineIsAnErrorNamingFileAndLine() throws Exception {
        Path dir = tmp.resolve("h");
        BenchHistory.append(dir, BenchRecords.stable().get(0));
        Files.writeString(BenchHistory.file(dir), "{\"time\":\"2026-11-02T02:00:00Z\", \"throughput\": 9\n",
                StandardOpenOption.APPEND);
        BenchHistory.append(dir, BenchRecords.stable().get(2));

        HistoryError e = assertThrows(HistoryError.class, () -> BenchHistory.load(dir));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(BenchHistory.file(dir) + ":2: not a bench record"), e.getMessage());
    }

    @Test
    void recordWithoutARequiredMetricIsAnErrorNamingTheField() throws Exception {
        Path dir = tmp.resolve("h");
        Files.createDirectories(dir);
        Files.writeString(BenchHistory.file(dir), "\n{\"time\":\"2026-11-02T02:00:00Z\",\"throughput\":9,\"p50_ms\":1,"
                + "\"p99_ms\":3,\"error_ratio\":0}\n", StandardCharsets.UTF_8);
        HistoryError e = assertThrows(HistoryError.class, () -> BenchHistory.load(dir));
        assertTrue(e.getMessage().startsWith(BenchHistory.file(dir) + ":2: 'p95_ms' is missing"), e.getMessage());
    }

    @Test
    void appendAfterALineCutShortStartsOnAFreshLine() throws Exception {
        Path dir = tmp.resolve("h");
        BenchHistory.append(dir, BenchRecords.stable().get(0));
        Files.writeString(BenchHistory.file(dir), "{\"time\":\"2026-11-0", StandardOpenOption.APPEND);
        BenchHistory.append(dir, BenchRecords.stable().get(1));

        List<String> lines = Files.readAllLines(BenchHistory.file(dir));
        assertEquals(3, lines.size());
        HistoryError e = assertThrows(HistoryError.class, () -> BenchHistory.load(dir));
        assertEquals(2, e.line(), "only the line cut short is reported");
    }
}
