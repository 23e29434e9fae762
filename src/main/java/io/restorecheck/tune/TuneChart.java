package io.restorecheck.tune;

import io.restorecheck.report.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tuning chart (XChart): one column per ranked variant, best left; the median capacity as a point with its
 * interval as a vertical bar (left axis), the hit ratio as a point on 0..1 (right axis). A variant whose hit ratio
 * is unknown (no cache traffic) has no hit-ratio point rather than a 0.
 */
final class TuneChart {
    static final String MEDIAN = "capacity median (req/s)";
    static final String INTERVAL = "interval (low..high)";
    static final String HIT = "hit ratio";

    private TuneChart() {
    }

    static void write(Path file, Ranking ranking) throws IOException {
        Charts.png(chart(ranking), file);
    }

    static XYChart chart(Ranking ranking) {
        List<VariantResult> rows = ranking.ranked();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String name = rows.get(i).variant().name();
            labels.add((i + 1) + ". " + (name.length() > 40 ? name.substring(0, 37) + "..." : name));
        }
        XYChart chart = Charts.xy(1000, 520, rows.isEmpty() ? "no variant was measured"
                : "capacity per variant, best left", "variant (rank)", MEDIAN);
        var styler = chart.getStyler();
        styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        styler.setYAxisMin(0, 0.0).setYAxisMin(1, 0.0).setYAxisMax(1, 1.0);
        styler.setXAxisMin(0.5).setXAxisMax(Math.max(1.5, rows.size() + 0.5));
        styler.setXAxisMaxLabelCount(Math.max(2, labels.size() + 2));
        styler.setMarkerSize(11);
        styler.setxAxisTickLabelsFormattingFunction(v -> label(labels, v));
        chart.setYAxisGroupTitle(1, HIT);
        if (rows.isEmpty()) {
            chart.addSeries(MEDIAN, new double[] {1}, new double[] {0}).setMarker(SeriesMarkers.NONE);
            return chart;
        }
        List<Double> x = new ArrayList<>();
        List<Double> median = new ArrayList<>();
        List<Double> hx = new ArrayList<>();
        List<Double> hit = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Interval t = rows.get(i).capacity();
            x.add(i + 1.0);
            median.add(t.median());
            XYSeries whisker = chart.addSeries(i == 0 ? INTERVAL : INTERVAL + " " + (i + 1), new double[] {i + 1, i + 1},
                    new double[] {t.low(), t.high()});
            whisker.setShowInLegend(i == 0);
            whisker.setLineColor(Charts.GREY);
            whisker.setMarkerColor(Charts.GREY);
            whisker.setMarker(SeriesMarkers.DIAMOND);
            whisker.setLineWidth(3f);
            double h = rows.get(i).hitRatio();
            if (!Double.isNaN(h)) {
                hx.add(i + 1.0);
                hit.add(h);
            }
        }
        XYSeries m = chart.addSeries(MEDIAN, x, median);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        m.setMarkerColor(Charts.BLUE);
        m.setMarker(SeriesMarkers.CIRCLE);
        if (!hx.isEmpty()) {
            XYSeries h = chart.addSeries(HIT, hx, hit);
            h.setYAxisGroup(1);
            h.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            h.setMarkerColor(Charts.GREEN);
            h.setMarker(SeriesMarkers.SQUARE);
        }
        return chart;
    }

    /**
     * The variant's label at its whole tick, blank elsewhere; XChart drops all ticks when two labels are equal,
     * so the blanks differ in length.
     */
    static String label(List<String> labels, double v) {
        long i = Math.round(v);
        if (Math.abs(v - i) < 1e-6 && i >= 1 && i <= labels.size()) {
            return labels.get((int) i - 1);
        }
        return " ".repeat(1 + (int) (Math.round(Math.abs(v) * 8) % 64));
    }
}
