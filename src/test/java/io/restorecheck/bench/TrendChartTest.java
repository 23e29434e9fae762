package io.restorecheck.bench;

import static io.restorecheck.bench.BenchRecords.night;
import static io.restorecheck.bench.BenchRecords.run;
import static io.restorecheck.bench.BenchRecords.stable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class TrendChartTest {
    @TempDir
    Path tmp;

    @Test
    void historyWithBaselineDrawsEveryRunTheNewestAndTheBaseline() throws Exception {
        List<BenchRecord> history = new ArrayList<>(stable());
        BenchRecord regressed = run(6, 49.7, 30.0, 0.5);
        Baseline baseline = new RegressionJudge().judge(history, regressed).baseline().orElseThrow();
        history.add(regressed);

        List<XYChart> charts = TrendChart.charts(history, baseline, List.of());

        assertEquals(4, charts.size());
        XYChart throughput = charts.get(0);
        assertTrue(throughput.getTitle().startsWith("benchmark history: 6 runs, lab: throughput (req/s)"),
                throughput.getTitle());
        XYSeries runs = throughput.getSeriesMap().get("throughput");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, runs.getXData(), 1e-9);
        assertArrayEquals(new double[] {98.7, 101.2, 97.9, 99.4, 100.3, 49.7}, runs.getYData(), 1e-9);
        assertArrayEquals(new double[] {49.7}, series(throughput, "newest 49.7").getYData(), 1e-9);
        assertArrayEquals(new double[] {99.4, 99.4}, series(throughput, "baseline 99.4 (median of 5 runs)").getYData(),
                1e-9);
        assertArrayEquals(new double[] {89.46, 89.46}, series(throughput, "threshold 89.5").getYData(), 1e-9);
        assertTrue(charts.get(1).getTitle().endsWith("capacity knee (req/s): not measured"), charts.get(1).getTitle());
        assertArrayEquals(new double[] {0.962, 0.958, 0.965, 0.960, 0.963, 0.5},
                charts.get(3).getSeriesMap().get("hit ratio").getYData(), 1e-9);

        Path png = tmp.resolve("charts/bench-trend.png");
        TrendChart.write(history, baseline, png);
        BufferedImage image = read(png);
        assertEquals(TrendChart.WIDTH, image.getWidth());
        assertEquals(TrendChart.HEIGHT, image.getHeight());
        assertTrue(countColour(image, TrendChart.NEWEST_COLOR.getRGB()) > 50, "the newest run is highlighted");
        assertTrue(countColour(image, TrendChart.LINE.getRGB()) > 500, "the runs are drawn");
        assertTrue(countColour(image, TrendChart.MEDIAN_COLOR.getRGB()) > 50, "the baseline median is drawn");
    }

    @Test
    void changePointIsAVerticalMarkerAtTheRunWhereTheShiftBegan() throws Exception {
        List<BenchRecord> history = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            history.add(night(i, (i <= 20 ? 100 : 75) + (i % 3) * 0.7, 40 + (i % 4) * 0.3, 0.96, null));
        }
        Verdict v = new RegressionJudge().judge(history.subList(0, 23), history.get(23));
        assertEquals(21, v.changePoints().get(0).runIndex(), v.message());

        List<XYChart> charts = TrendChart.charts(history, v.baseline().orElseThrow(), v.changePoints());

        XYSeries marker = charts.get(0).getSeriesMap().entrySet().stream()
                .filter(e -> e.getKey().startsWith(TrendChart.CHANGE)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no change point drawn: " + charts.get(0).getSeriesMap()
                        .keySet()));
        assertTrue(marker.getName().startsWith("change point at run 21 (-2"), marker.getName());
        assertArrayEquals(new double[] {21, 21}, marker.getXData(), 1e-9);
        assertTrue(marker.getYData()[0] < 75 && marker.getYData()[1] > 100, "spans the panel");
        assertFalse(charts.get(2).getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith(TrendChart.CHANGE)),
                "p95 did not shift");

        Path png = tmp.resolve("step.png");
        TrendChart.write(history, v.baseline().orElseThrow(), v.changePoints(), png);
        assertTrue(countColour(read(png), TrendChart.CHANGE_COLOR.getRGB()) > 100, "the marker is in the picture");
    }

    @Test
    void singleRunNoRunAndRunsWithoutHitRatioStillDraw() throws Exception {
        Path one = tmp.resolve("one.png");
        TrendChart.write(List.of(run(1, 100, 12, null)), one);
        assertEquals(TrendChart.WIDTH, read(one).getWidth());

        Path empty = tmp.resolve("empty.png");
        TrendChart.write(List.of(), empty);
        assertEquals(TrendChart.HEIGHT, read(empty).getHeight());
        assertTrue(TrendChart.charts(List.of(), null, List.of()).get(0).getTitle()
                .startsWith("benchmark history: no runs yet"));

        List<BenchRecord> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(run(1 + i % 28, 90 + (i * 7) % 20, 10 + (i * 3) % 5, i % 10 == 0 ? null : 0.9 + (i % 7) / 100.0));
        }
        XYSeries hit = TrendChart.charts(many, null, List.of()).get(3).getSeriesMap().get("hit ratio");
        assertTrue(Double.isNaN(hit.getYData()[0]), "a run without a hit ratio is a gap, not a 0");
        Path long_ = tmp.resolve("long.png");
        TrendChart.write(many, long_);
        assertTrue(countColour(read(long_), TrendChart.LINE.getRGB()) > 1000, "120 runs drawn");
    }

    private static XYSeries series(XYChart chart, String name) {
        XYSeries s = chart.getSeriesMap().get(name);
        assertNotNull(s, "series '" + name + "' in " + chart.getSeriesMap().keySet());
        return s;
    }

    private static BufferedImage read(Path png) throws Exception {
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO reads " + png + " back");
        return image;
    }

    /** Pixels of about this colour (anti-aliasing blends the edges of thin lines). */
    private static int countColour(BufferedImage image, int argb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xFF) - (argb >> 16 & 0xFF)) <= 24
                        && Math.abs((p >> 8 & 0xFF) - (argb >> 8 & 0xFF)) <= 24
                        && Math.abs((p & 0xFF) - (argb & 0xFF)) <= 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
