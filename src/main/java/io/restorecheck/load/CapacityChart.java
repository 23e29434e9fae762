package io.restorecheck.load;

import io.restorecheck.report.Charts;
import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of the capacity search (XChart): rate served against rate offered with the ideal diagonal (left axis), p95
 * per probe against its ceiling (right axis), probes that held in blue and those that broke in red, the knee as
 * a vertical line.
 */
public final class CapacityChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 640;
    static final String SERVED_HELD = "served, held (req/s)";
    static final String SERVED_BROKE = "served, broke (req/s)";
    static final String IDEAL = "ideal: served = offered";
    static final String P95 = "p95 (ms)";
    static final String P95_CEILING = "p95 ceiling (ms)";

    private CapacityChart() {
    }

    public static void write(CapacityResult result, long maxP95Ms, Path png) {
        Charts.png(chart(result, maxP95Ms), png);
    }

    static XYChart chart(CapacityResult result, long maxP95Ms) {
        List<CapacityProbe> probes = result.sortedByRate();
        String sub = result.probes().size() + " probes in " + Math.round(result.wallMs() / 1000.0) + " s";
        XYChart chart = Charts.xy(WIDTH, HEIGHT, "capacity knee " + (result.lowerBound() ? "at least " : "")
                + RampPlan.rate(result.kneePerSec()) + " req/s (" + sub + ")", "offered (req/s); "
                + shorten(result.brokeText(), 110), "served (req/s)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setYAxisMin(0, 0.0).setYAxisMin(1, 0.0).setXAxisMin(0.0);
        chart.getStyler().setMarkerSize(10);
        chart.setYAxisGroupTitle(1, "p95 (ms)");
        double maxRate = Math.max(1, probes.stream().mapToDouble(CapacityProbe::offeredPerSec).max().orElse(1));
        XYSeries ideal = chart.addSeries(IDEAL, new double[] {0, maxRate}, new double[] {0, maxRate});
        ideal.setLineColor(Charts.GREY);
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineStyle(dashed());
        points(chart, SERVED_HELD, probes.stream().filter(CapacityProbe::held).toList(), Charts.BLUE);
        points(chart, SERVED_BROKE, probes.stream().filter(p -> !p.held()).toList(), Charts.RED);
        if (!probes.isEmpty()) {
            XYSeries p95 = chart.addSeries(P95, probes.stream().map(CapacityProbe::offeredPerSec).toList(),
                    probes.stream().map(p -> (double) p.p95Ms()).toList());
            p95.setYAxisGroup(1);
            p95.setLineColor(Charts.ORANGE);
            p95.setMarkerColor(Charts.ORANGE);
            p95.setMarker(SeriesMarkers.TRIANGLE_UP);
        }
        XYSeries ceiling = chart.addSeries(P95_CEILING, new double[] {0, maxRate}, new double[] {maxP95Ms, maxP95Ms});
        ceiling.setYAxisGroup(1);
        ceiling.setLineColor(Charts.RED);
        ceiling.setMarker(SeriesMarkers.NONE);
        ceiling.setLineStyle(dashed());
        if (result.highestHeld().isPresent()) {
            chart.addAnnotation(new AnnotationLine(result.kneePerSec(), true, false));
            chart.addAnnotation(new AnnotationText("knee " + RampPlan.rate(result.kneePerSec()) + "/s",
                    result.kneePerSec(), maxRate * 0.05, false));
        }
        return chart;
    }

    private static void points(XYChart chart, String name, List<CapacityProbe> probes, java.awt.Color color) {
        if (probes.isEmpty()) {
            return;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (CapacityProbe p : probes) {
            x.add(p.offeredPerSec());
            y.add(p.servedPerSec());
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
    }

    private static BasicStroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    private static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }
}
