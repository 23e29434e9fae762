package io.restorecheck.bench;

import static io.restorecheck.bench.BenchRecords.run;
import static io.restorecheck.bench.BenchRecords.stable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.CheckResult;
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
        assertEquals(12.1 * 1.25, b.p95MsMax(), 1e-9);
        assertEquals(3.747 * Math.sqrt(1.2), b.factor(), 1e-9); // t(0.99, 4 degrees of freedom) * sqrt(1 + 1/5)
        assertEquals(0.962 - 0.02, b.hitRatioMin(), 1e-9);
        assertTrue(v.message().startsWith("no regression against the median of 5 runs: throughput 97.5 req/s "
                + "(threshold >= 89.5), p95 12.8 ms (threshold <= 15.1), hit ratio 0.959 (threshold >= 0.942)"),
                v.message());
        assertEquals(CheckStatus.PASSED, v.toCheck().status());
    }

    @Test
    void runAtLessThanHalfTheThroughputIsAHardFaultWithTheNumbersInTheMessage() {
        Verdict v = judge.judge(stable(), run(6, 40.0, 12.2, 0.961));
        assertTrue(v.regression());
        assertEquals(List.of("throughput 40.0 req/s is below the baseline 99.4 req/s (median of 5 runs; less than "
                + "1/2 of it is a hard fault, judged at once)"), v.regressions());
        assertEquals("regression: " + v.regressions().get(0), v.message());
        assertEquals(CheckStatus.FAILED, v.toCheck().status());
        assertEquals(40.0, v.toCheck().measured());
        assertEquals(">= 49.7", v.toCheck().expected());
        assertEquals("req/s", v.toCheck().unit());
    }

    @Test
    void p95RegressionShowsP95AsMeasuredExpectedAndUnit() {
        // The complaint: p95 failed but the check showed the throughput (10.0 / ">= 9.0").
        List<BenchRecord> history = new ArrayList<>();
        double[] p95 = {87.5, 86.0, 89.0, 88.0, 87.0, 87.5};
        for (int i = 0; i < p95.length; i++) {
            history.add(run(i + 1, 10.0, p95[i], 0.96));
        }
        history.add(run(7, 10.0, 125.0, 0.96)); // outside once: reported, not a regression
        Verdict first = judge.judge(history.subList(0, 6), history.get(6));
        assertFalse(first.regression(), first.message());

        Verdict v = judge.judge(history, run(8, 10.0, 130.0, 0.96));

        assertTrue(v.regression(), v.message());
        CheckResult check = v.toCheck();
        assertEquals(130.0, check.measured());
        assertEquals("<= 110.0", check.expected());
        assertEquals("ms", check.unit());
        assertTrue(check.message().contains("p95 130.0 ms is above the baseline 88.0 ms (median of 5 runs, noise ±"
                + "1.5 ms, threshold 110.0) for the second run in a row (the run before: 125.0 ms)"), check.message());
    }

    @Test
    void shortHistoryJudgesHardFaultsOnlyAndSaysHowManyRunsTheNoiseNeeds() {
        // The third healthy run on a shared 2-core machine: p95 107 ms after 87.5 ms twice.
        List<BenchRecord> two = List.of(run(1, 10.0, 87.5, 0.96), run(2, 10.0, 87.5, 0.96));
        Verdict v = judge.judge(two, run(3, 10.0, 107.0, 0.96));
        assertFalse(v.regression(), v.message());
        assertTrue(v.message().startsWith("no hard fault against the median of 2 runs"), v.message());
        assertTrue(v.message().contains("the noise-based thresholds need 5 previous runs to know the noise, this "
                + "history has 2"), v.message());
        assertEquals(CheckStatus.PASSED, v.toCheck().status());
        assertEquals(false, ((Map<?, ?>) v.toMetrics().get("baseline")).get("noise_known"));

        Verdict broken = judge.judge(two, run(3, 10.0, 300.0, null).withCapacity(null));
        assertTrue(broken.regression(), "a tripled p95 and an unused cache fail at once: " + broken.message());
        assertEquals(Figure.HIT_RATIO, broken.findings().get(0).figure());
        assertEquals(Figure.P95, broken.findings().get(1).figure());
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
        assertEquals(List.of("capacity 250.0 req/s is below the baseline 2000.0 req/s (median of 5 runs; less than"
                + " 1/2 of it is a hard fault, judged at once)"), v.regressions());
        assertEquals(CheckStatus.FAILED, v.toCheck().status());
        assertEquals(250.0, v.toCheck().measured());
        assertEquals(">= 1000.0", v.toCheck().expected());
        assertEquals(1800.0, v.baseline().orElseThrow().capacityMin(), 1e-9);

        Verdict healthy = judge.judge(history, run(6, 99.0, 12.0, 0.96).withCapacity(1900.0));
        assertFalse(healthy.regression(), healthy.message());
        assertTrue(healthy.message().contains("capacity 1900.0 req/s (threshold >= 1800.0)"), healthy.message());
    }

    @Test
    void unusedCacheAfterTwoRunsFailsAtOnceNamingTheCapacityItCostFirst() {
        // Measured on an overloaded machine (issue 11): knees 125 and 125, then memcached on the wrong port: 63.
        List<BenchRecord> two = List.of(run(1, 100, 40, 0.96).withCapacity(125.0),
                run(2, 100, 41, 0.97).withCapacity(125.0));
        Verdict v = judge.judge(two, run(3, 100, 43, null).withCapacity(63.0));

        assertTrue(v.regression(), v.message());
        assertTrue(v.message().startsWith("regression: capacity 63.0 req/s is below the baseline 125.0 req/s (median"
                + " of 2 runs) by more than its floor 12.5 req/s, alongside the hard fault; hit ratio not measured in"
                + " this run (no cache traffic?)"), v.message());
        assertEquals(63.0, v.toCheck().measured());
        assertEquals(">= 112.5", v.toCheck().expected());
        assertEquals("req/s", v.toCheck().unit());
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
        assertEquals("hit ratio 0.000 is below the baseline 0.962 (median of 5 runs; less than 1/2 of it is a hard "
                + "fault: the cache is barely used)", v.regressions().get(0));
        assertEquals("p95 240.0 ms is above the baseline 12.1 ms (median of 5 runs; more than 3 times it is a hard "
                + "fault, judged at once)", v.regressions().get(1));
        assertEquals(0.0, v.toCheck().measured());
        assertEquals("ratio", v.toCheck().unit());
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
        BenchRecord slow = run(6, 60, 12.0, 0.96);

        Verdict v = judge.judge(history, slow);
        Baseline b = v.baseline().orElseThrow();
        assertEquals(1.4826 * 20, b.throughputNoise(), 1e-9);
        assertEquals(100 - b.factor() * 1.4826 * 20, b.throughputMin(), 1e-9);
        assertFalse(v.message().contains("outside"), "60 req/s is within the noise of a 60..140 history: "
                + v.message());
        assertTrue(judge.judge(stable(), slow).message().contains("throughput 60.0 req/s is below the baseline 99.4"),
                "the same run after a stable history is outside its threshold");
    }

    @Test
    void identicalHistoryValuesUseTheFloorsNotAZeroWidthThreshold() {
        List<BenchRecord> same = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            same.add(run(i, 200, 10, 0.95));
        }
        Verdict healthy = judge.judge(same, run(6, 185, 12.0, 0.94));
        assertFalse(healthy.regression() || healthy.message().contains("outside"), healthy.message());
        same.add(run(6, 179, 12.6, 0.92));
        Verdict v = judge.judge(same, run(7, 179, 12.6, 0.92));
        assertEquals(3, v.regressions().size(), v.message());
        assertTrue(v.message().contains("noise ±0.0 req/s, threshold 180.0) for the second run in a row"),
                v.message());
    }

    @Test
    void onlyTheLastWindowOfRunsMakesTheBaseline() {
        List<BenchRecord> history = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            history.add(run(i, 1000, 1, 0.99)); // an old, much faster era
        }
        history.addAll(stable());
        Verdict v = judge.judge(history, run(20, 97, 12, 0.96));
        // Against the last five runs the run is healthy; only the whole history shows the era ending 6 runs ago.
        assertTrue(v.findings().stream().allMatch(f -> f.kind() == Finding.Kind.SHIFT), v.message());
        assertTrue(v.message().contains("throughput shifted 1000.0 -> 99.1 req/s (-90.1%) from run 11"), v.message());
        assertEquals(5, v.baseline().orElseThrow().runs());
        Verdict three = new RegressionJudge(new RegressionJudge.Rule(3, 3, 0.1, 0.2, 0.02, 2, 3, 5))
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
        Map<String, Object> m = judge.judge(stable(), run(6, 40.0, 12.2, 0.961)).toMetrics();
        assertEquals(40.0, m.get("throughput"));
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
        List<Map<String, Object>> findings = (List<Map<String, Object>>) m.get("findings");
        assertEquals("throughput", findings.get(0).get("figure"));
        assertEquals("hard-fault", findings.get(0).get("kind"));
        assertEquals(List.of(), m.get("change_points"));
        // serialisable as summary.json's metrics.bench
        String json = SummaryWriter.json().writeValueAsString(Map.of("bench", m));
        assertTrue(json.contains("\"regression\" : true"), json);
    }
}
