package io.restorecheck.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class TuneChartTest {
    @TempDir
    Path dir;

    private static VariantResult result(String name, double hit, double... capacities) {
        List<Sample> samples = java.util.Arrays.stream(capacities)
                .mapToObj(t -> new Sample(t, 10, hit, 0, (long) t * 10, 0)).toList();
        return new VariantResult(new Variant(name, Map.of(), Map.of("memory-mb", 1)), samples, Optional.empty());
    }

    @Test
    void drawsEachRankedVariantsMedianIntervalAndHitRatio() throws Exception {
        Ranking ranking = Ranking.of(List.of(result("small-cache", 0.62, 210, 190, 200),
                result("no-cache", Double.NaN, 100, 90, 95), result("big-cache", 0.99, 800, 820, 810)));
        XYChart chart = TuneChart.chart(ranking);
        assertArrayEquals(new double[] {1, 2, 3}, chart.getSeriesMap().get(TuneChart.MEDIAN).getXData(), 0);
        assertArrayEquals(new double[] {810, 200, 95}, chart.getSeriesMap().get(TuneChart.MEDIAN).getYData(), 0);
        assertArrayEquals(new double[] {800, 820}, chart.getSeriesMap().get(TuneChart.INTERVAL).getYData(), 0);
        // no-cache (rank 3) has no hit ratio: no point, not a 0
        assertArrayEquals(new double[] {1, 2}, chart.getSeriesMap().get(TuneChart.HIT).getXData(), 0);
        assertArrayEquals(new double[] {0.99, 0.62}, chart.getSeriesMap().get(TuneChart.HIT).getYData(), 0);
        assertEquals(1, chart.getSeriesMap().get(TuneChart.HIT).getYAxisGroup());
        var labels = chart.getStyler().getxAxisTickLabelsFormattingFunction();
        assertEquals("1. big-cache", labels.apply(1.0));
        assertEquals("3. no-cache", labels.apply(3.0));
        assertTrue(labels.apply(1.5).isBlank());
        assertFalse(labels.apply(1.5).equals(labels.apply(2.5)), "XChart drops every tick when labels repeat");
        Path png = Path.of("target", "chart-tests", "tune-capacity.png"); // kept for a person to look at
        TuneChart.write(png, ranking);
        assertTrue(Files.size(png) > 1000);
    }
}
