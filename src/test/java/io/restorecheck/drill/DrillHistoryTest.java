package io.restorecheck.drill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.bench.HistoryError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class DrillHistoryTest {
    @TempDir
    Path dir;

    private static DrillRecord record(String time, Double restoreSeconds, Double loss) {
        return new DrillRecord(time, "lab", "pass", restoreSeconds, 1.0, 0.5, 0.1, 2.0, 0.3, 1000L, 50.0, loss, "r");
    }

    @Test
    void appendsOneLinePerDrillAndDrawsTheTrend() throws Exception {
        DrillHistory.append(dir, record("2026-12-01T02:00:00Z", 3.9, 4.0));
        DrillHistory.append(dir, record("2026-12-02T02:00:00Z", null, null));
        DrillHistory.append(dir, record("2026-12-03T02:00:00Z", 4.4, 6.0));
        List<DrillRecord> all = DrillHistory.load(dir);
        assertEquals(3, all.size());
        assertEquals(4.4, all.get(2).restoreSeconds());
        Path png = dir.resolve("drill-trend.png");
        DrillChart.write(all, 600, 120, png);
        assertTrue(Files.size(png) > 1000);
        DrillChart.write(all, 600, 120, Path.of("target", "chart-tests", "drill-trend.png")); // for a person to see
        XYChart chart = DrillChart.chart(all, 600, 120);
        // the drill that restored nothing (run 2) breaks the line: two stretches, no invented value
        assertArrayEquals(new double[] {1}, chart.getSeriesMap().get(DrillChart.RESTORE).getXData(), 0);
        assertArrayEquals(new double[] {3}, chart.getSeriesMap().get(DrillChart.RESTORE + " (2)").getXData(), 0);
        assertArrayEquals(new double[] {4.4}, chart.getSeriesMap().get(DrillChart.RESTORE + " (2)").getYData(), 0);
        assertArrayEquals(new double[] {6.0}, chart.getSeriesMap().get(DrillChart.LOSS + " (2)").getYData(), 0);
        assertEquals(1, chart.getSeriesMap().get(DrillChart.LOSS).getYAxisGroup());
        assertArrayEquals(new double[] {600, 600}, chart.getSeriesMap().get("restore budget 600.0 s").getYData(), 0);
        assertTrue(chart.getTitle().equals("restore drill history: 3 runs; newest restore 4.4 s"), chart.getTitle());
    }

    @Test
    void aDamagedLineIsRefusedWithFileAndLine() throws Exception {
        DrillHistory.append(dir, record("2026-12-01T02:00:00Z", 3.9, 4.0));
        Files.writeString(DrillHistory.file(dir), "{\"label\":\"no time\"}\n", StandardOpenOption.APPEND);
        HistoryError e = assertThrows(HistoryError.class, () -> DrillHistory.load(dir));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("'time' is missing"), e.getMessage());
    }
}
