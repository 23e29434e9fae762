package io.restorecheck.inject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.load.GatlingResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merges real simulation.log files written by Gatling 3.15.1 (the load package's recorded WikiBrowse run: 250
 * requests, 39 KO) and reads the result back with Gatling's own reader.
 */
class LogMergeTest {
    static Path recorded() throws Exception {
        return Path.of(LogMergeTest.class.getResource("/io/restorecheck/load/wikibrowse-simulation.log").toURI());
    }

    @Test
    void oneLogMergesToAByteIdenticalFile(@TempDir Path dir) throws Exception {
        Path merged = dir.resolve("simulation.log");
        LogMerge.Merged m = LogMerge.merge(List.of(recorded()), merged);
        assertArrayEquals(Files.readAllBytes(recorded()), Files.readAllBytes(merged));
        assertEquals(250, m.requests());
        assertEquals(List.of(0), m.shiftsMs());
    }

    @Test
    void threeLogsMergeIntoOneGatlingReadsWithTheCountsSummed(@TempDir Path dir) throws Exception {
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path copy = dir.resolve("injector-" + i + ".log");
            // Each injector started a little later than the one before: the merge aligns their first users.
            shifted(recorded(), copy, 700L * i);
            logs.add(copy);
        }
        Path merged = dir.resolve("simulation.log");
        LogMerge.Merged m = LogMerge.merge(logs, merged);
        assertEquals(750, m.requests());
        assertEquals(List.of(0L, 700L, 1400L), m.firstUserLateMs(), "the stagger the alignment removed");
        GatlingResults r = GatlingResults.read(merged);
        assertEquals(750, r.all().count());
        assertEquals(3 * 39, r.all().ko());
        // Aligned starts: the merged run lasts as long as one injector's, so the rate is the sum of the rates.
        assertEquals(150.0, r.all().meanPerSec(), 3);
        // Gatling itself logs a few records slightly out of order (a request is logged when its end is handled);
        // the merge adds no disorder of its own: it only emits a record earlier than the last when a log did.
        assertTrue(backwardSteps(merged) <= 3 * backwardSteps(recorded()),
                backwardSteps(merged) + " backward steps merged, " + backwardSteps(recorded()) + " in one log");
    }

    @Test
    void mergedHistogramsGiveThePercentilesOfAllRawTimes(@TempDir Path dir) throws Exception {
        Latencies one = Latencies.of(recorded());
        Path file = dir.resolve(Latencies.FILE);
        one.write(file);
        Latencies merged = new Latencies();
        List<Long> raw = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            merged.add(Latencies.read(file));
            raw.addAll(rawTimes(recorded()));
        }
        raw.sort(null);
        Latencies.Entry all = merged.all();
        assertEquals(750, all.count());
        assertEquals(3 * 39, all.ko);
        for (double p : new double[] {50, 95, 99, 100}) {
            long nearestRank = raw.get((int) Math.ceil(p / 100 * raw.size()) - 1);
            assertEquals(nearestRank, all.histogram.getValueAtPercentile(p), "p" + p);
        }
    }

    @Test
    void concatenatedLogsAreRefusedNamingTheCause(@TempDir Path dir) throws Exception {
        Path twice = dir.resolve("twice.log");
        byte[] b = Files.readAllBytes(recorded());
        byte[] both = new byte[2 * b.length];
        System.arraycopy(b, 0, both, 0, b.length);
        System.arraycopy(b, 0, both, b.length, b.length);
        Files.write(twice, both);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogMerge.merge(List.of(twice), dir.resolve("out.log")));
        assertTrue(e.getMessage().contains("concatenated"), e.getMessage());
    }

    static List<Long> rawTimes(Path log) {
        List<Long> times = new ArrayList<>();
        try (SimulationLogReader r = new SimulationLogReader(log)) {
            for (Optional<LogRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                if (rec.get() instanceof LogRecord.Request q) {
                    times.add((long) q.latencyMs());
                }
            }
        }
        return times;
    }

    private static void shifted(Path from, Path to, long laterMs) {
        try (SimulationLogReader r = new SimulationLogReader(from)) {
            LogHeader h = r.header();
            try (SimulationLogWriter w = new SimulationLogWriter(to, new LogHeader(h.gatlingVersion(),
                    h.simulationClass(), h.startMillis() + laterMs, h.description(), h.scenarios(), h.assertions()))) {
                for (Optional<LogRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                    w.write(rec.get());
                }
            }
        }
    }

    private static int backwardSteps(Path log) {
        int last = Integer.MIN_VALUE;
        int outOfOrder = 0;
        try (SimulationLogReader r = new SimulationLogReader(log)) {
            for (Optional<LogRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                if (rec.get().time() < last) {
                    outOfOrder++;
                }
                last = Math.max(last, rec.get().time());
            }
        }
        return outOfOrder;
    }
}
