package io.restorecheck.bench;

import static io.restorecheck.bench.BenchRecords.run;
import static io.restorecheck.bench.BenchRecords.stable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendChartTest {
    @TempDir
    Path tmp;

    @Test
    void historyWithBaselineBecomesAPngOfTheChartSize() throws Exception {
        List<BenchRecord> history = new ArrayList<>(stable());
        BenchRecord regressed = run(6, 49.7, 30.0, 0.5);
        Baseline baseline = new RegressionJudge().judge(history, regressed).baseline().orElseThrow();
        history.add(regressed);
        Path png = tmp.resolve("charts/bench-trend.png");

        TrendChart.write(history, baseline, png);

        BufferedImage image = read(png);
        assertEquals(TrendChart.WIDTH, image.getWidth());
        assertEquals(TrendChart.HEIGHT, image.getHeight());
        assertTrue(countColour(image, 0xD63A1A) > 50, "the newest run is highlighted");
        assertDrawn(image, "history with baseline");
        assertTrue(countColour(image, 0x2E9E4F) > 50, "the baseline median is drawn");
    }

    /** A blank or unlabelled image must fail: the series line runs across the plot and there is text and axes. */
    private static void assertDrawn(BufferedImage image, String what) {
        int w = image.getWidth();
        int left = countColour(image, 0x1F6FB4, 0, w / 2);
        int right = countColour(image, 0x1F6FB4, w / 2, w);
        assertTrue(left > 20 && right > 20, what + ": the series line must cross the plot, got " + left + " px left, "
                + right + " px right");
        assertTrue(countColour(image, 0x222222) > 200, what + ": axes, ticks and labels must be drawn");
    }

    @Test
    void singleRunAndRunsWithoutHitRatioStillDraw() throws Exception {
        Path one = tmp.resolve("one.png");
        TrendChart.write(List.of(run(1, 100, 12, null)), one);
        assertEquals(TrendChart.WIDTH, read(one).getWidth());

        Path empty = tmp.resolve("empty.png");
        TrendChart.write(List.of(), empty);
        assertEquals(TrendChart.HEIGHT, read(empty).getHeight());

        List<BenchRecord> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(run(1 + i % 28, 90 + (i * 7) % 20, 10 + (i * 3) % 5, i % 10 == 0 ? null : 0.9 + (i % 7) / 100.0));
        }
        Path long_ = tmp.resolve("long.png");
        TrendChart.write(many, long_);
        assertEquals(TrendChart.WIDTH, read(long_).getWidth());
        assertDrawn(read(long_), "120 runs");
        assertTrue(countColour(read(one), 0x222222) > 200, "one run: axes and labels drawn");
        assertTrue(countColour(read(empty), 0x222222) > 50, "no run: the chart says so in text");
    }

    @Test
    void ticksAreRoundValuesCoveringTheRange() {
        assertArrayEquals(new double[] {80, 85, 90, 95, 100, 105}, TrendChart.ticks(84.2, 104.9), 1e-9);
        assertArrayEquals(new double[] {0.9, 0.92, 0.94, 0.96, 0.98, 1.0}, TrendChart.ticks(0.9, 1.0), 1e-9);
    }

    private static BufferedImage read(Path png) throws Exception {
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO reads " + png + " back");
        return image;
    }

    private static int countColour(BufferedImage image, int rgb) {
        return countColour(image, rgb, 0, image.getWidth());
    }

    private static int countColour(BufferedImage image, int rgb, int fromX, int toX) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
