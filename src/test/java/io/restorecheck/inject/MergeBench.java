package io.restorecheck.inject;

import io.restorecheck.load.GatlingResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How long the coordinator's merge takes for a big run: synthetic injector logs (the recorded log's header, so
 * Gatling's reader accepts them; one user start, one request, one user end per arrival) of {@code total} requests
 * over {@code injectors} logs, then the log merge, the histogram merge, and Gatling's own read of the merged log.
 * Not a test; run by hand: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.restorecheck.inject.MergeBench 1000000 4}.
 */
public final class MergeBench {
    private MergeBench() {
    }

    public static void main(String[] args) throws Exception {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int injectors = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        boolean gatlingRead = args.length <= 2 || Boolean.parseBoolean(args[2]);
        Path dir = Files.createTempDirectory("merge-bench-");
        LogHeader recorded;
        try (SimulationLogReader r = new SimulationLogReader(LogMergeTest.recorded())) {
            recorded = r.header();
        }
        List<Path> logs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < injectors; i++) {
            Path log = dir.resolve("injector-" + i + ".log");
            write(log, recorded, i, total / injectors + (i < total % injectors ? 1 : 0));
            logs.add(log);
        }
        long written = System.nanoTime();
        long bytes = 0;
        for (Path l : logs) {
            bytes += Files.size(l);
        }
        Path merged = dir.resolve("simulation.log");
        LogMerge.Merged m = LogMerge.merge(logs, merged);
        long mergedAt = System.nanoTime();
        Latencies all = new Latencies();
        for (Path l : logs) {
            Path file = dir.resolve(l.getFileName() + ".latencies");
            Latencies.of(l).write(file);
            all.add(Latencies.read(file));
        }
        long histAt = System.nanoTime();
        System.out.printf(Locale.ROOT, "%d requests in %d logs (%.1f MB): written %.1f s; log merge %.2f s (%d records);"
                        + " histograms (read each log, encode, decode, add) %.2f s; p95 %d ms%n", m.requests(), injectors,
                bytes / 1e6, (written - t0) / 1e9, (mergedAt - written) / 1e9, m.records(), (histAt - mergedAt) / 1e9,
                all.all().histogram.getValueAtPercentile(95));
        if (gatlingRead) {
            long g0 = System.nanoTime();
            GatlingResults r = GatlingResults.read(merged);
            System.out.printf(Locale.ROOT, "Gatling's reader on the merged log: %.2f s, %d requests%n",
                    (System.nanoTime() - g0) / 1e9, r.all().count());
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.delete(dir);
    }

    /** One injector's log: arrivals at its share of a 60 s run, response times 2-400 ms. */
    private static void write(Path log, LogHeader h, int index, long requests) {
        SplittableRandom random = new SplittableRandom(index);
        try (SimulationLogWriter w = new SimulationLogWriter(log, new LogHeader(h.gatlingVersion(),
                h.simulationClass(), h.startMillis() + index * 700L, h.description(), h.scenarios(), h.assertions()))) {
            double every = 60_000.0 / requests;
            for (long k = 0; k < requests; k++) {
                int start = (int) (k * every);
                w.write(new LogRecord.User(0, true, start));
                int end = start + 2 + random.nextInt(random.nextInt(20) == 0 ? 400 : 40);
                // Logged when the response arrives: approximately in time order, as Gatling writes.
                w.write(new LogRecord.Request(List.of(), random.nextInt(20) == 0 ? "visit /Recent_Changes"
                        : "view page", start, end, random.nextInt(100) != 0, random.nextInt(100) != 0 ? ""
                        : "status.find.is(200), but actually found 404"));
                w.write(new LogRecord.User(0, false, end));
            }
        }
    }
}
