package io.restorecheck.bench;

import static io.restorecheck.bench.BenchRecords.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchBookTest {
    @TempDir
    Path tmp;

    @Test
    void twoHealthyRunsThenAHalfSpeedRunIsFlaggedAndAllThreeAreBooked() throws Exception {
        Path history = tmp.resolve("history");
        Path chart = tmp.resolve("run/bench-trend.png");
        RegressionJudge judge = new RegressionJudge();

        assertTrue(BenchBook.book(history, run(1, 100, 12, 0.96), judge, chart).baseline().isEmpty());
        assertFalse(BenchBook.book(history, run(2, 104, 12.5, 0.97), judge, chart).regression());
        Verdict third = BenchBook.book(history, run(3, 30, 80, null), judge, chart);

        assertTrue(third.regression(), third.message());
        assertTrue(third.message().contains("throughput 30.0 req/s is below the baseline 102.0 req/s (median of 2 runs"),
                third.message());
        assertEquals(3, BenchHistory.load(history).size());
        assertEquals(TrendChart.WIDTH, ImageIO.read(chart.toFile()).getWidth());
    }

    @Test
    void stepHistoryBookedNightByNightFailsOnTheChangePointNamingTheRunWhereItBegan() throws Exception {
        Path history = tmp.resolve("history");
        Path chart = tmp.resolve("run/bench-trend.png");
        RegressionJudge judge = new RegressionJudge();
        java.util.Random noise = new java.util.Random(21);
        List<Integer> failedNights = new ArrayList<>();
        Verdict last = null;
        for (int night = 1; night <= 26; night++) {
            // p95 steps from 40 to 60 ms at night 21 (a slower release); throughput and cache stay as they were.
            BenchRecord run = BenchRecords.night(night, 100 + noise.nextGaussian(),
                    (night <= 20 ? 40 : 60) + noise.nextGaussian(), 0.96, null);
            if (night <= 20) {
                BenchHistory.append(history, run); // the quiet nights, booked without drawing each night's chart
                continue;
            }
            last = BenchBook.book(history, run, judge, chart);
            if (last.regression()) {
                failedNights.add(night);
            }
        }

        assertEquals(List.of(22, 23, 24, 25, 26), failedNights, "confirmed on the second night, then the change point");
        List<ChangePoint> p95 = last.changePoints().stream().filter(c -> c.figure() == Figure.P95).toList();
        ChangePoint step = p95.get(p95.size() - 1);
        assertEquals(Figure.P95, step.figure());
        assertEquals(21, step.runIndex());
        assertEquals("c21", step.commit());
        assertTrue(last.message().startsWith("regression: p95 shifted "), last.message());
        assertTrue(last.message().contains("from run 21 (lab, commit c21, night-21)"), last.message());
        assertEquals(26, BenchHistory.load(history).size());
        assertEquals(TrendChart.HEIGHT, ImageIO.read(chart.toFile()).getHeight());
    }

    @Test
    void aCorruptHistoryStopsBeforeAnythingIsAppended() throws Exception {
        Path history = tmp.resolve("history");
        Files.createDirectories(history);
        Files.writeString(BenchHistory.file(history), "not json\n");
        assertThrows(HistoryError.class,
                () -> BenchBook.book(history, run(1, 100, 12, 0.96), new RegressionJudge(), tmp.resolve("c.png")));
        assertEquals("not json\n", Files.readString(BenchHistory.file(history)));
        assertFalse(Files.exists(tmp.resolve("c.png")));
    }
}
