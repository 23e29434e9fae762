package io.restorecheck.bench;

import static io.restorecheck.bench.BenchRecords.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
