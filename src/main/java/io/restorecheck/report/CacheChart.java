package io.restorecheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The cache over the load, from the {@code cache.series} samples: the hit ratio of each sampling window (left
 * axis, 0..1) and the items memcached held (right axis) against seconds since sampling began; a dashed line where
 * each phase (warm-up, load...) begins. A window without gets has no hit ratio and is left out, not drawn as 0.
 */
final class CacheChart {
    static final String FILE = "cache-over-load.png";
    static final String HIT_RATIO = "hit ratio (window)";

    /** One sample: seconds since the first, phase, window hit ratio (NaN without gets), items held. */
    record Sample(double seconds, String phase, double hitRatio, long items) {
    }

    private CacheChart() {
    }

    static List<Sample> samples(JsonNode metrics) {
        List<Sample> out = new ArrayList<>();
        for (JsonNode s : metrics.path("cache").path("series")) {
            JsonNode ratio = s.path("window_hit_ratio");
            out.add(new Sample(s.path("t_s").asDouble(), s.path("phase").asText(""),
                    ratio.isNumber() ? ratio.asDouble() : Double.NaN, s.path("curr_items").asLong()));
        }
        return out;
    }

    static XYChart chart(List<Sample> samples, double minHitRatio) {
        XYChart chart = Charts.xy(1000, 380, "cache over the load: hit ratio per sampling window and items held",
                "seconds since sampling began", "hit ratio");
        var styler = chart.getStyler();
        styler.setYAxisMin(0, 0.0).setYAxisMax(0, 1.0);
        styler.setYAxisMin(1, 0.0);
        styler.setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        styler.setYAxisGroupTitleColor(1, Charts.ORANGE);
        styler.setMarkerSize(7);
        List<Double> rx = new ArrayList<>();
        List<Double> ry = new ArrayList<>();
        List<Double> ix = new ArrayList<>();
        List<Double> iy = new ArrayList<>();
        int stretches = 0;
        boolean anyRatio = false;
        for (int i = 0; i <= samples.size(); i++) {
            Sample s = i < samples.size() ? samples.get(i) : null;
            if (s != null && !Double.isNaN(s.hitRatio())) {
                rx.add(s.seconds());
                ry.add(s.hitRatio());
                anyRatio = true;
            } else if (!rx.isEmpty()) {
                // Windows without gets break the line: no hit ratio is drawn across them.
                XYSeries ratio = chart.addSeries(stretches == 0 ? HIT_RATIO : HIT_RATIO + " " + (stretches + 1), rx,
                        ry);
                ratio.setShowInLegend(stretches == 0);
                ratio.setLineColor(Charts.BLUE);
                ratio.setMarkerColor(Charts.BLUE);
                ratio.setMarker(SeriesMarkers.CIRCLE);
                stretches++;
                rx = new ArrayList<>();
                ry = new ArrayList<>();
            }
            if (s != null) {
                ix.add(s.seconds());
                iy.add((double) s.items());
            }
        }
        // Items on a scale 1.5 times their peak: a full cache's line then runs below a hit ratio of 1, not on it.
        styler.setYAxisMax(1, Math.max(1, iy.stream().mapToDouble(Double::doubleValue).max().orElse(1)) * 1.5);
        XYSeries items = chart.addSeries("items held (curr_items)", ix, iy);
        items.setYAxisGroup(1);
        items.setLineColor(Charts.ORANGE);
        items.setMarkerColor(Charts.ORANGE);
        items.setMarker(SeriesMarkers.SQUARE);
        chart.setYAxisGroupTitle(1, "items");
        if (minHitRatio > 0 && anyRatio) {
            XYSeries floor = chart.addSeries(String.format(Locale.ROOT, "min-hit-ratio %.2f", minHitRatio),
                    new double[] {ix.get(0), ix.get(ix.size() - 1)}, new double[] {minHitRatio, minHitRatio});
            floor.setLineColor(Charts.RED);
            floor.setMarker(SeriesMarkers.NONE);
            floor.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                    java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        String phase = null;
        double span = samples.isEmpty() ? 1 : Math.max(1e-9, samples.get(samples.size() - 1).seconds()
                - samples.get(0).seconds());
        double lastLabel = Double.NEGATIVE_INFINITY;
        int row = 0;
        for (Sample s : samples) {
            if (!s.phase().equals(phase)) {
                phase = s.phase();
                if ("before".equals(phase)) {
                    continue; // the baseline reading, not a phase of the load
                }
                chart.addAnnotation(new AnnotationLine(s.seconds(), true, false));
                // Phases that begin close together get their labels on different heights.
                row = (s.seconds() - lastLabel) < span * 0.08 ? row + 1 : 0;
                lastLabel = s.seconds();
                chart.addAnnotation(new AnnotationText(phase, s.seconds(), 0.05 + 0.07 * (row % 3), false));
            }
        }
        return chart;
    }
}
