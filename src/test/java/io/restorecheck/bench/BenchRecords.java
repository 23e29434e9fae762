package io.restorecheck.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Recorded-looking bench numbers for the tests. */
final class BenchRecords {
    private BenchRecords() {
    }

    static BenchRecord run(int day, double throughput, double p95Ms, Double hitRatio) {
        return new BenchRecord(String.format("2026-11-%02dT02:00:00Z", day), "lab", "f6ff521", throughput,
                p95Ms * 0.4, p95Ms, p95Ms * 1.6, 0.0, hitRatio, hitRatio == null ? null : 0L,
                Map.of("shared_buffers", "128MB", "memcached.maxbytes", "64m"), "202611" + day + "-020000-bench");
    }

    /** Night {@code night} (1-based) of a synthetic history: its own commit {@code c<night>} and run folder. */
    static BenchRecord night(int night, double throughput, double p95Ms, Double hitRatio, Double capacity) {
        return new BenchRecord(java.time.Instant.parse("2026-10-01T02:00:00Z").plusSeconds(86_400L * night)
                .toString(), "lab", "c" + night, throughput, p95Ms * 0.4, p95Ms, p95Ms * 1.6, 0.0, hitRatio,
                hitRatio == null ? null : 0L, Map.of(), "night-" + night, capacity);
    }

    /** Five nightly runs of a healthy lab: about 99 req/s, p95 about 12 ms, hit ratio about 0.96. */
    static List<BenchRecord> stable() {
        double[] throughput = {98.7, 101.2, 97.9, 99.4, 100.3};
        double[] p95 = {12.1, 11.8, 12.6, 12.3, 11.9};
        double[] hit = {0.962, 0.958, 0.965, 0.960, 0.963};
        List<BenchRecord> runs = new ArrayList<>();
        for (int i = 0; i < throughput.length; i++) {
            runs.add(run(i + 1, throughput[i], p95[i], hit[i]));
        }
        return runs;
    }
}
