package io.restorecheck.drill;

import io.restorecheck.report.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of the drill history (XChart): restore time (left axis) and recovery point, the data loss (right axis),
 * over the runs, oldest left, each with its budget as a dashed line, so a restore that grows slower night after
 * night shows before it breaks the budget. A drill that restored nothing breaks its line rather than inventing a
 * value.
 */
final class DrillChart {
    static final String RESTORE = "restore time (s)";
    static final String LOSS = "data loss (s)";

    private DrillChart() {
    }

    static void write(List<DrillRecord> records, double restoreBudgetSeconds, double lossBudgetSeconds, Path png) {
        Charts.png(chart(records, restoreBudgetSeconds, lossBudgetSeconds), png);
    }

    static XYChart chart(List<DrillRecord> records, double restoreBudget, double lossBudget) {
        int n = records.size();
        XYChart chart = Charts.xy(1000, 560, "restore drill history: " + n + " run" + (n == 1 ? "" : "s")
                + newest(records), "run (oldest left)", RESTORE);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setYAxisMin(0, 0.0).setYAxisMin(1, 0.0);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.setYAxisGroupTitle(1, LOSS);
        line(chart, records, RESTORE, DrillRecord::restoreSeconds, 0, Charts.BLUE);
        line(chart, records, LOSS, DrillRecord::dataLossSeconds, 1, Charts.PURPLE);
        budget(chart, String.format(Locale.ROOT, "restore budget %.1f s", restoreBudget), restoreBudget, n, 0,
                Charts.RED);
        budget(chart, String.format(Locale.ROOT, "data-loss budget %.1f s", lossBudget), lossBudget, n, 1,
                Charts.ORANGE);
        return chart;
    }

    private static String newest(List<DrillRecord> records) {
        if (records.isEmpty() || records.get(records.size() - 1).restoreSeconds() == null) {
            return "";
        }
        return String.format(Locale.ROOT, "; newest restore %.1f s", records.get(records.size() - 1).restoreSeconds());
    }

    /** One series per unbroken stretch of runs with a value; only the first is named in the legend. */
    private static void line(XYChart chart, List<DrillRecord> records, String name,
                             Function<DrillRecord, Double> metric, int axis, Color color) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        int part = 0;
        for (int i = 0; i <= records.size(); i++) {
            Double v = i < records.size() ? metric.apply(records.get(i)) : null;
            if (v != null) {
                x.add(i + 1.0);
                y.add(v);
            } else if (!x.isEmpty()) {
                XYSeries s = chart.addSeries(part == 0 ? name : name + " (" + (part + 1) + ")", x, y);
                s.setShowInLegend(part == 0);
                s.setYAxisGroup(axis);
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setMarker(SeriesMarkers.CIRCLE);
                part++;
                x = new ArrayList<>();
                y = new ArrayList<>();
            }
        }
    }

    private static void budget(XYChart chart, String name, double budget, int runs, int axis, Color color) {
        XYSeries s = chart.addSeries(name, new double[] {1, Math.max(2, runs)}, new double[] {budget, budget});
        s.setYAxisGroup(axis);
        s.setLineColor(color);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
    }
}
