package io.restorecheck.bench;

import static io.restorecheck.bench.BenchRecords.run;
import static io.restorecheck.bench.BenchRecords.stable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.SummaryWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionJudgeTest {
    private final RegressionJudge judge = new RegressionJudge();

    @Test
    void normalRunAfterAStableHistoryIsNotARegression() {
        Verdict v = judge.judge(stable(), run(6, 97.5, 12.8, 0.959));
        assertFalse(v.regression(), v.message());
        Baseline b = v.baseline().orElseThrow();
        assertEquals(5, b.runs());
        assertEquals(99.4, b.throughput(), 1e-9);
        assertEquals(1.4826 * 0.9, b.throughputNoise(), 1e-9);
        // noise * k = 4.0 is below the 10% floor, so the floor sets the threshold
        assertEquals(99.4 * 0.9, b.throughputMin(), 1e-9);
        assertEquals(12.1 * 1.2, b.p95MsMax(), 1e-9);
        assertEquals(0.962 - 0.02, b.hitRatioMin(), 1e-9);
        assertTrue(v.message().startsWith("no regression against the median of 5 runs: throughput 97.5 req/s "
                + "(threshold >= 89.5), p95 12.8 ms (threshold <= 14.5), hit ratio 0.959 (threshold >= 0.942)"),
                v.message());
        assertEquals(CheckStatus.PASSED, v.toCheck().status());
    }

    @Test
    void runAtHalfThroughputIsARegressionWithTheNumbersInTheMessage() {
        Verdict v = judge.judge(stable(), run(6, 49.7, 12.2, 0.961));
        assertTrue(v.regression());
        assertEquals(List.of("throughput 49.7 req/s is below the baseline 99.4 req/s (median of 5 runs, "
                + "noise ±1.3 req/s, threshold 89.5)"), v.regressions());
        assertEquals("regression: " + v.regressions().get(0), v.message());
        assertEquals(CheckStatus.FAILED, v.toCheck().status());
        assertEquals(49.7, v.toCheck().measured());
    }

    @Test
    void capacityKneeFarBelowTheBaselineIsARegressionNamingCapacityWhileTheFixedRateLooksFine() {
        // Open model at a fixed rate: the broken cache still "serves" the offered 100/s; only the knee shows it.
        double[] knees = {2000, 1800, 2000, 1900, 2000};
        List<BenchRecord> history = new ArrayList<>();
        for (int i = 0; i < knees.length; i++) {
            history.add(stable().get(i).withCapacity(knees[i]));
        }
        Verdict v = judge.judge(history, run(6, 99.0, 12.0, 0.96).withCapacity(250.0));
        assertTrue(v.regression(), v.message());
        assertEquals(List.of("capacity 250.0 req/s is below the baseline 2000.0 req/s (median of 5 runs, noise"
                + " ±0.0 req/s, threshold 1800.0)"), v.regressions());
        assertEquals(CheckStatus.FAILED, v.toCheck().status());
        assertEquals(1800.0, v.baseline().orElseThrow().capacityMin(), 1e-9);

        Verdict healthy = judge.judge(history, run(6, 99.0, 12.0, 0.96).withCapacity(1900.0));
        assertFalse(healthy.regression(), healthy.message());
        assertTrue(healthy.message().contains("capacity 1900.0 req/s (threshold >= 1800.0)"), healthy.message());
    }

    @Test
    void historyWithoutCapacityIsJudgedWithoutIt() {
        Verdict v = judge.judge(stable(), run(6, 99.0, 12.0, 0.96).withCapacity(10.0));
        assertFalse(v.regression(), v.message());
        assertNull(v.baseline().orElseThrow().capacity());
    }

    @Test
    void slowerP95AndLowerHitRatioAreRegressionsToo() {
        Verdict v = judge.judge(stable(), run(6, 99.0, 240.0, 0.0));
        assertEquals(2, v.regressions().size(), v.message());
        assertEquals("p95 240.0 ms is above the baseline 12.1 ms (median of 5 runs, noise ±0.3 ms, threshold 14.5)",
                v.regressions().get(0));
        assertEquals("hit ratio 0.000 is below the baseline 0.962 (median of 5 runs, noise ±0.003, threshold 0.942)",
                v.regressions().get(1));
    }

    @Test
    void runWithoutCacheTrafficIsARegressionWhenTheBaselineHadAHitRatio() {
        Verdict v = judge.judge(stable(), run(6, 99.0, 12.0, null));
        assertTrue(v.regression());
        assertTrue(v.message().contains("hit ratio not measured in this run (no cache traffic?) while the baseline "
                + "is 0.962"), v.message());
    }

    @Test
    void historyWithoutCacheDoesNotJudgeTheHitRatio() {
        List<BenchRecord> noCache = new ArrayList<>();
        for (BenchRecord r : stable()) {
            noCache.add(run(Integer.parseInt(r.time().substring(8, 10)), r.throughput(), r.p95Ms(), null));
        }
        Verdict v = judge.judge(noCache, run(6, 99.0, 12.0, null));
        assertFalse(v.regression(), v.message());
        assertNull(v.baseline().orElseThrow().hitRatio());
        assertFalse(v.message().contains("hit ratio"), v.message());
    }

    @Test
    void noisyHistoryWidensTheThreshold() {
        double[] noisy = {60, 140, 80, 120, 100};
        List<BenchRecord> history = new ArrayList<>();
        for (int i = 0; i < noisy.length; i++) {
            history.add(run(i + 1, noisy[i], 12.0, 0.96));
        }
        BenchRecord slow = run(6, 50, 12.0, 0.96);

        Verdict v = judge.judge(history, slow);
        Baseline b = v.baseline().orElseThrow();
        assertEquals(1.4826 * 20, b.throughputNoise(), 1e-9);
        assertEquals(100 - 3 * 1.4826 * 20, b.throughputMin(), 1e-9);
        assertFalse(v.regression(), "50 req/s is within the noise of a 60..140 history: " + v.message());
        assertTrue(judge.judge(stable(), slow).regression(), "the same run after a stable history is a regression");
    }

    @Test
    void identicalHistoryValuesUseTheFloorsNotAZeroWidthThreshold() {
        List<BenchRecord> same = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            same.add(run(i, 200, 10, 0.95));
        }
        assertFalse(judge.judge(same, run(6, 185, 11.5, 0.94)).regression());
        Verdict v = judge.judge(same, run(6, 179, 12.1, 0.92));
        assertEquals(3, v.regressions().size(), v.message());
        assertTrue(v.message().contains("noise ±0.0 req/s, threshold 180.0"), v.message());
    }

    @Test
    void onlyTheLastWindowOfRunsMakesTheBaseline() {
        List<BenchRecord> history = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            history.add(run(i, 1000, 1, 0.99)); // an old, much faster era
        }
        history.addAll(stable());
        Verdict v = judge.judge(history, run(20, 97, 12, 0.96));
        assertFalse(v.regression(), v.message());
        assertEquals(5, v.baseline().orElseThrow().runs());
        Verdict three = new RegressionJudge(new RegressionJudge.Rule(3, 3, 0.1, 0.2, 0.02))
                .judge(history, run(20, 97, 12, 0.96));
        assertEquals(99.4, three.baseline().orElseThrow().throughput(), 1e-9); // median of 97.9, 99.4, 100.3
    }

    @Test
    void fewerThanTwoPreviousRunsGiveNoBaselineAndNoRegression() {
        Verdict none = judge.judge(List.of(), run(1, 10, 500, 0.1));
        assertTrue(none.baseline().isEmpty());
        assertFalse(none.regression());
        assertEquals("no baseline yet: 0 previous runs in the history, at least 2 are needed; this run is not judged",
                none.message());
        Verdict one = judge.judge(stable().subList(0, 1), run(2, 10, 500, 0.1));
        assertFalse(one.regression());
        assertTrue(one.message().startsWith("no baseline yet: 1 previous run in"), one.message());
        assertEquals(CheckStatus.SKIPPED, one.toCheck().status());
        assertNull(one.toMetrics().get("baseline"));
        assertEquals(false, one.toMetrics().get("regression"));
        assertTrue(judge.judge(stable().subList(0, 2), run(3, 10, 500, 0.1)).regression(), "two runs are enough");
    }

    @Test
    @SuppressWarnings("unchecked")
    void metricsCarryTheRunTheBaselineAndTheRegressionFlag() throws Exception {
        Map<String, Object> m = judge.judge(stable(), run(6, 49.7, 12.2, 0.961)).toMetrics();
        assertEquals(49.7, m.get("throughput"));
        assertEquals(12.2, m.get("p95_ms"));
        assertEquals(0.961, m.get("hit_ratio"));
        assertEquals(true, m.get("regression"));
        Map<String, Object> b = (Map<String, Object>) m.get("baseline");
        assertEquals(5, b.get("runs"));
        assertEquals(99.4, b.get("throughput"));
        assertEquals(12.1, b.get("p95_ms"));
        assertEquals(0.962, b.get("hit_ratio"));
        assertEquals(1.334, ((Map<String, Object>) b.get("noise")).get("throughput"));
        assertEquals(89.46, ((Map<String, Object>) b.get("threshold")).get("throughput_min"));
        // serialisable as summary.json's metrics.bench
        String json = SummaryWriter.json().writeValueAsString(Map.of("bench", m));
        assertTrue(json.contains("\"regression\" : true"), json);
    }
}
