package io.restorecheck.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of the benchmark history drawn with XChart: throughput, capacity knee, p95 and hit ratio in four stacked
 * panels over the run number (oldest left). Each panel has the runs (a run without the figure leaves a gap), the
 * newest run as a large red point, the baseline's median and (once its noise is known) its threshold as dashed
 * lines, and each change point as a thick vertical orange line at the run where the new level began. Headless.
 */
public final class TrendChart {
    public static final int WIDTH = 1000;
    public static final int PANEL_HEIGHT = 260;
    public static final int HEIGHT = 4 * PANEL_HEIGHT;

    static final String NEWEST = "newest";
    static final String BASELINE = "baseline";
    static final String THRESHOLD = "threshold";
    static final String CHANGE = "change point";

    static final Color LINE = new Color(0x1F, 0x6F, 0xB4);
    static final Color NEWEST_COLOR = new Color(0xD6, 0x3A, 0x1A);
    static final Color MEDIAN_COLOR = new Color(0x2E, 0x9E, 0x4F);
    static final Color CHANGE_COLOR = new Color(0xF0, 0x8C, 0x00);

    private static final Figure[] PANELS = {Figure.THROUGHPUT, Figure.CAPACITY, Figure.P95, Figure.HIT_RATIO};

    private TrendChart() {
    }

    /** Writes the chart of {@code records} (oldest first) to {@code png}, creating its folder. */
    public static void write(List<BenchRecord> records, Path png) {
        write(records, null, List.of(), png);
    }

    /** As {@link #write(List, Path)}, with the baseline's median and threshold when not null. */
    public static void write(List<BenchRecord> records, Baseline baseline, Path png) {
        write(records, baseline, List.of(), png);
    }

    /** As {@link #write(List, Baseline, Path)}, with the change points of the history marked. */
    public static void write(List<BenchRecord> records, Baseline baseline, List<ChangePoint> changes, Path png) {
        System.setProperty("java.awt.headless", "true");
        List<XYChart> charts = charts(List.copyOf(records), baseline, changes);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), 0, i * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        try {
            if (png.getParent() != null) {
                Files.createDirectories(png.getParent());
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trend chart " + png, e);
        }
    }

    /** The four panels, top to bottom: what {@link #write} draws, for tests to read. */
    static List<XYChart> charts(List<BenchRecord> records, Baseline baseline, List<ChangePoint> changes) {
        List<XYChart> out = new ArrayList<>();
        for (int i = 0; i < PANELS.length; i++) {
            out.add(panel(PANELS[i], records, baseline, changes, i == 0, i == PANELS.length - 1));
        }
        return out;
    }

    private static XYChart panel(Figure figure, List<BenchRecord> records, Baseline baseline,
                                 List<ChangePoint> changes, boolean top, boolean bottom) {
        String name = switch (figure) {
            case THROUGHPUT -> "throughput (req/s)";
            case CAPACITY -> "capacity knee (req/s)";
            case P95 -> "p95 latency (ms)";
            case HIT_RATIO -> "cache hit ratio";
        };
        int n = records.size();
        double[] x = new double[n];
        double[] y = new double[n];
        boolean any = false;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            Double v = figure.of(records.get(i));
            y[i] = v == null ? Double.NaN : v; // XChart leaves a gap at NaN rather than inventing a value
            if (v != null) {
                any = true;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        Double median = baseline == null ? null : baseline.median(figure);
        Double threshold = baseline == null || !baseline.noiseKnown() ? null : baseline.threshold(figure);
        for (Double level : new Double[] {median, threshold}) {
            if (level != null) {
                lo = Math.min(lo, level);
                hi = Math.max(hi, level);
            }
        }
        String title = (top ? title(records) + ": " : "") + name + (any ? "" : ": not measured");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle(bottom ? xAxisTitle(records) : "").yAxisTitle(figure.unit()).build();
        // The legend under the plot keeps the four plots the same width, so runs line up from panel to panel.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE).setChartTitleBoxVisible(false).setAntiAlias(true);
        chart.getStyler().setXAxisMin(0.5).setXAxisMax(n + 0.5).setXAxisDecimalPattern("0")
                .setXAxisMaxLabelCount(20).setAxisTitlesVisible(true);
        chart.getStyler().setYAxisDecimalPattern(figure == Figure.HIT_RATIO ? "0.000" : "0.#");
        if (!any) {
            // XChart needs a series to draw the axes; an invisible one keeps the panel's frame and its "not measured".
            XYSeries none = chart.addSeries(figure.label(), new double[] {0.5}, new double[] {0});
            none.setMarker(SeriesMarkers.NONE);
            none.setShowInLegend(false);
            chart.getStyler().setLegendVisible(false);
            return chart;
        }
        double pad = hi > lo ? (hi - lo) * 0.12 : Math.max(Math.abs(hi) * 0.1, 1e-3);
        double yMin = Math.max(0, lo - pad);
        double yMax = figure == Figure.HIT_RATIO ? Math.min(1, hi + pad) : hi + pad;
        chart.getStyler().setYAxisMin(yMin).setYAxisMax(yMax);

        XYSeries runs = chart.addSeries(figure.label(), x, y);
        runs.setLineColor(LINE);
        runs.setMarkerColor(LINE);
        runs.setMarker(SeriesMarkers.CIRCLE);
        runs.setLineWidth(2f);
        if (median != null) {
            line(chart, BASELINE + " " + figure.number(median) + " (median of " + baseline.runs() + " runs)",
                    new double[] {0.5, n + 0.5}, new double[] {median, median}, MEDIAN_COLOR);
        }
        if (threshold != null) {
            line(chart, THRESHOLD + " " + figure.number(threshold), new double[] {0.5, n + 0.5},
                    new double[] {threshold, threshold}, MEDIAN_COLOR.darker());
        }
        for (ChangePoint c : changes) {
            if (c.figure() == figure) {
                Double percent = c.sizePercent();
                marker(chart, CHANGE + " at run " + c.runIndex() + (percent == null ? ""
                        : String.format(Locale.ROOT, " (%+.1f%%)", percent)), c.runIndex(), yMin, yMax);
            }
        }
        if (!Double.isNaN(y[n - 1])) {
            XYSeries newest = chart.addSeries(NEWEST + " " + figure.number(y[n - 1]), new double[] {n},
                    new double[] {y[n - 1]});
            newest.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            newest.setMarker(SeriesMarkers.CIRCLE);
            newest.setMarkerColor(NEWEST_COLOR);
        }
        chart.getStyler().setMarkerSize(n > 60 ? 4 : 7);
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
    }

    /** A solid vertical line, thicker than the data: where a new level began. */
    private static void marker(XYChart chart, String name, double x, double yMin, double yMax) {
        XYSeries s = chart.addSeries(name, new double[] {x, x}, new double[] {yMin, yMax});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(CHANGE_COLOR);
        s.setLineStyle(new BasicStroke(4f));
    }

    private static String title(List<BenchRecord> records) {
        if (records.isEmpty()) {
            return "benchmark history: no runs yet";
        }
        BenchRecord last = records.get(records.size() - 1);
        return String.format(Locale.ROOT, "benchmark history: %d run%s%s", records.size(),
                records.size() == 1 ? "" : "s", last.label() == null ? "" : ", " + last.label());
    }

    private static String xAxisTitle(List<BenchRecord> records) {
        return "run (oldest to newest)" + (records.isEmpty() ? "" : ": " + shortTime(records.get(0).time()) + " .. "
                + shortTime(records.get(records.size() - 1).time()));
    }

    private static String shortTime(String iso) {
        return iso.length() >= 16 ? iso.substring(0, 16).replace('T', ' ') : iso;
    }
}
