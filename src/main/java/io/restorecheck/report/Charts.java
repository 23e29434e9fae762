package io.restorecheck.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The one home of chart drawing: every chart restorecheck writes (capacity curve, drill history, tune ranking,
 * restore timeline, cache over the load) is an XChart chart built by its owner and written here as a PNG, headless,
 * with one look. Callers keep the chart model so tests can assert what is drawn (series, points, labels).
 */
public final class Charts {
    public static final Color BLUE = new Color(0x1F, 0x6F, 0xB4);
    public static final Color RED = new Color(0xCF, 0x22, 0x2E);
    public static final Color GREEN = new Color(0x1A, 0x7F, 0x37);
    public static final Color ORANGE = new Color(0xD9, 0x7A, 0x00);
    public static final Color GREY = new Color(0x8C, 0x95, 0x9F);
    public static final Color PURPLE = new Color(0x82, 0x50, 0xDF);

    private Charts() {
    }

    /** An XY chart with restorecheck's look: white, light grid, legend below, readable fonts. */
    public static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart);
        return chart;
    }

    public static void style(Chart<?, ?> chart) {
        System.setProperty("java.awt.headless", "true");
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xD0, 0xD7, 0xDE));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setPlotGridLinesColor(new Color(0xE6, 0xE9, 0xED));
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setAxisTicksMarksVisible(false);
        }
    }

    /** Writes the chart as a PNG (creating the folder). */
    public static void png(Chart<?, ?> chart, Path file) {
        System.setProperty("java.awt.headless", "true");
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file, e);
        }
    }
}
