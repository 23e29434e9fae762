package io.restorecheck.bench;

import static io.restorecheck.bench.BenchRecords.night;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Change points over whole synthetic histories: found where a shift began, absent from noise and outliers. */
class ChangePointsTest {
    private final RegressionJudge judge = new RegressionJudge();

    /** {@code nights} runs; night i (1-based) gets the throughput and p95 {@code level} gives plus seeded noise. */
    private static List<BenchRecord> history(int nights, long seed, IntFunction<double[]> level) {
        Random noise = new Random(seed);
        List<BenchRecord> out = new ArrayList<>();
        for (int i = 1; i <= nights; i++) {
            double[] l = level.apply(i);
            out.add(night(i, l[0] + noise.nextGaussian() * 2, l[1] + noise.nextGaussian() * 1.5,
                    0.96 + noise.nextGaussian() * 0.004, 2000 + noise.nextGaussian() * 40));
        }
        return out;
    }

    private Verdict judgeLast(List<BenchRecord> history) {
        return judge.judge(history.subList(0, history.size() - 1), history.get(history.size() - 1));
    }

    @Test
    void stepDownInThroughputIsFoundAtTheRunWhereItBeganAndFailsTheRun() {
        List<BenchRecord> history = history(24, 7, i -> new double[] {i <= 20 ? 100 : 75, 40});

        Verdict v = judgeLast(history);

        List<ChangePoint> throughput = v.changePoints().stream().filter(c -> c.figure() == Figure.THROUGHPUT)
                .toList();
        assertEquals(1, throughput.size(), v.changePoints().toString());
        ChangePoint step = throughput.get(0);
        assertEquals(21, step.runIndex(), "the first run at the new level");
        assertEquals("c21", step.commit());
        assertEquals(-25, step.sizePercent(), 4.0);
        assertTrue(step.pValue() <= 0.001, "significant: " + step.pValue());
        assertTrue(v.regression(), v.message());
        Finding shift = v.findings().stream().filter(f -> f.kind() == Finding.Kind.SHIFT).findFirst().orElseThrow();
        assertEquals(Figure.THROUGHPUT, shift.figure());
        assertTrue(shift.sentence().contains("from run 21 (lab, commit c21, night-21)"), shift.sentence());
        assertTrue(v.message().startsWith("regression: throughput shifted "), v.message());
        assertTrue(v.changePoints().stream().noneMatch(c -> c.figure() != Figure.THROUGHPUT), v.changePoints()
                .toString());
    }

    @Test
    void stepForTheBetterIsReportedButIsNoRegression() {
        Verdict v = judgeLast(history(24, 8, i -> new double[] {i <= 20 ? 100 : 130, 40}));
        assertEquals(21, v.changePoints().get(0).runIndex(), v.changePoints().toString());
        assertFalse(v.regression(), v.message());
        assertTrue(v.message().contains("change points: throughput"), v.message());
    }

    @Test
    void slowDriftThatTheLastRunsAbsorbIsFoundByChangePoints() {
        // p95 creeps up 1 ms a night: each night is within the noise of the five before it.
        List<BenchRecord> history = history(40, 9, i -> new double[] {100, 80 + i});
        List<Integer> lastRunsAlarms = new ArrayList<>();
        List<Integer> shiftAlarms = new ArrayList<>();
        String firstShift = null;
        for (int n = 6; n < history.size(); n++) {
            Verdict v = judge.judge(history.subList(0, n), history.get(n));
            if (v.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.LAST_RUNS)) {
                lastRunsAlarms.add(n + 1);
            }
            if (v.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.SHIFT && f.figure() == Figure.P95)) {
                shiftAlarms.add(n + 1);
                firstShift = firstShift == null ? v.message() : firstShift;
            }
        }
        assertEquals(List.of(), lastRunsAlarms, "the last-5 rule absorbs a drift of 1 ms a night");
        assertFalse(shiftAlarms.isEmpty(), "the drift raises a change-point alarm on some night");
        assertTrue(shiftAlarms.get(0) <= 35, "found before p95 rose by 35 ms (+43%): night " + shiftAlarms.get(0));
        assertTrue(firstShift.contains("p95 shifted"), firstShift);

        Verdict last = judgeLast(history);
        List<ChangePoint> p95 = last.changePoints().stream().filter(c -> c.figure() == Figure.P95).toList();
        assertTrue(p95.size() >= 2, "the drift shows as several steps: " + p95);
        assertTrue(p95.stream().allMatch(ChangePoint::worse), p95.toString());
    }

    @Test
    void pureNoiseHasNoChangePointAndNoAlarmOnAnyNight() {
        List<BenchRecord> history = history(60, 10, i -> new double[] {100, 40});
        for (int n = 1; n < history.size(); n++) {
            Verdict v = judge.judge(history.subList(0, n), history.get(n));
            assertFalse(v.regression(), "night " + (n + 1) + ": " + v.message());
            assertTrue(v.changePoints().isEmpty(), "night " + (n + 1) + ": " + v.changePoints());
        }
    }

    @Test
    void singleOutlierIsNeitherAChangePointNorAnAlarm() {
        List<BenchRecord> history = new ArrayList<>(history(30, 11, i -> new double[] {100, 40}));
        BenchRecord calm = history.get(14);
        history.set(14, night(15, 60, 70, calm.hitRatio(), calm.capacity())); // one bad night in the middle

        for (int n = 15; n < history.size(); n++) {
            Verdict v = judge.judge(history.subList(0, n), history.get(n));
            assertFalse(v.regression(), "night " + (n + 1) + ": " + v.message());
            assertTrue(v.changePoints().isEmpty(), "night " + (n + 1) + ": " + v.changePoints());
        }
        // The outlier night itself: p95 70 ms against 40 is outside the noise, but one run is not a regression.
        Verdict outlier = judge.judge(history.subList(0, 14), history.get(14));
        assertFalse(outlier.regression(), outlier.message());
        assertTrue(outlier.message().contains("p95 70.0 ms is above the baseline"), outlier.message());
        assertTrue(outlier.message().contains("the first run outside"), outlier.message());
    }

    @Test
    void theSameHistoryAlwaysGivesTheSameChangePoints() {
        List<BenchRecord> history = history(24, 7, i -> new double[] {i <= 20 ? 100 : 75, 40});
        assertEquals(judgeLast(history).changePoints(), judgeLast(history).changePoints());
    }
}
