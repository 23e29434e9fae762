package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.Charts;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class CapacityChartTest {
    @TempDir
    Path dir;

    private static CapacityProbe probe(double rate, double served, int p95, String broke) {
        return new CapacityProbe(rate, (long) (rate * 3), 0, served, 5, p95, Optional.ofNullable(broke), false, 4000);
    }

    @Test
    void drawsHeldProbesBlueBrokenOnesRedP95OnTheRightAndTheKnee() throws Exception {
        CapacityProbe held = probe(200, 199, 40, null);
        CapacityProbe broke = probe(400, 120, 4000, "p95 4000 ms > 2000 ms");
        CapacityResult r = new CapacityResult(List.of(probe(100, 100, 20, null), held, broke), Optional.of(held),
                Optional.of(broke), CapacityResult.End.RESOLVED,
                new CapacitySearch.Settings(100, 800, 0.1, Duration.ofSeconds(30)), 12_000);

        XYChart chart = CapacityChart.chart(r, 2000);

        XYSeries served = chart.getSeriesMap().get(CapacityChart.SERVED_HELD);
        assertArrayEquals(new double[] {100, 200}, served.getXData(), 0);
        assertArrayEquals(new double[] {100, 199}, served.getYData(), 0);
        assertEquals(Charts.BLUE, served.getMarkerColor());
        XYSeries broken = chart.getSeriesMap().get(CapacityChart.SERVED_BROKE);
        assertArrayEquals(new double[] {400}, broken.getXData(), 0);
        assertArrayEquals(new double[] {120}, broken.getYData(), 0);
        assertEquals(Charts.RED, broken.getMarkerColor());
        XYSeries p95 = chart.getSeriesMap().get(CapacityChart.P95);
        assertArrayEquals(new double[] {20, 40, 4000}, p95.getYData(), 0);
        assertEquals(1, p95.getYAxisGroup());
        assertArrayEquals(new double[] {2000, 2000}, chart.getSeriesMap().get(CapacityChart.P95_CEILING).getYData(),
                0);
        assertArrayEquals(new double[] {0, 400}, chart.getSeriesMap().get(CapacityChart.IDEAL).getYData(), 0);
        assertTrue(chart.getTitle().startsWith("capacity knee 200 req/s (3 probes in 12 s)"), chart.getTitle());
        assertTrue(chart.getXAxisTitle().contains("400/s broke: p95 4000 ms > 2000 ms"), chart.getXAxisTitle());

        Path png = Path.of("target", "chart-tests", "capacity-curve.png"); // kept for a person to look at
        CapacityChart.write(r, 2000, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(CapacityChart.WIDTH, image.getWidth());
        assertEquals(CapacityChart.HEIGHT, image.getHeight());
    }
}
