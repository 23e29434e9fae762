package io.restorecheck.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * A PNG of the benchmark history: throughput, capacity knee, p95 and hit ratio in four stacked panels over the run index (oldest
 * left), points joined by lines, the newest run highlighted with its value, and optionally the baseline's median and
 * threshold as a shaded band. Drawn with Java2D in headless mode, so it works on CI machines without a display.
 */
public final class TrendChart {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 1010;

    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color GRID = new Color(0xE2, 0xE2, 0xE2);
    private static final Color LINE = new Color(0x1F, 0x6F, 0xB4);
    private static final Color NEWEST = new Color(0xD6, 0x3A, 0x1A);
    private static final Color BAND = new Color(0x2E, 0x9E, 0x4F, 0x38);
    private static final Color MEDIAN = new Color(0x2E, 0x9E, 0x4F);
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 74;
    private static final int BOTTOM = 60;
    private static final int GAP = 52;

    private final List<BenchRecord> records;
    private final Baseline baseline;
    private Graphics2D g;
    private boolean text = true;

    private TrendChart(List<BenchRecord> records, Baseline baseline) {
        this.records = records;
        this.baseline = baseline;
    }

    /** Writes the chart of {@code records} (oldest first) to {@code png}, creating its folder. */
    public static void write(List<BenchRecord> records, Path png) {
        write(records, null, png);
    }

    /** As {@link #write(List, Path)}, with the baseline's median and threshold drawn as a band when not null. */
    public static void write(List<BenchRecord> records, Baseline baseline, Path png) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new TrendChart(List.copyOf(records), baseline).draw();
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

    private BufferedImage draw() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(INK);
            setFont(Font.BOLD, 16);
            text(title(), LEFT, 30, false);
            int panelHeight = (HEIGHT - TOP - BOTTOM - 3 * GAP) / 4;
            Band none = null;
            Band throughputBand = baseline == null ? none
                    : new Band(baseline.throughput(), baseline.throughputMin(), baseline.throughput());
            Band p95Band = baseline == null ? none : new Band(baseline.p95Ms(), baseline.p95Ms(), baseline.p95MsMax());
            Band hitBand = baseline == null || baseline.hitRatio() == null ? none
                    : new Band(baseline.hitRatio(), baseline.hitRatioMin(), baseline.hitRatio());
            panel(TOP, panelHeight, "throughput (req/s)", r -> r.throughput(), "%.1f", throughputBand, false);
            Band capacityBand = baseline == null || baseline.capacity() == null ? none
                    : new Band(baseline.capacity(), baseline.capacityMin(), baseline.capacity());
            panel(TOP + panelHeight + GAP, panelHeight, "capacity knee (req/s)", BenchRecord::capacity, "%.1f",
                    capacityBand, false);
            panel(TOP + 2 * (panelHeight + GAP), panelHeight, "p95 latency (ms)", r -> r.p95Ms(), "%.1f", p95Band,
                    false);
            panel(TOP + 3 * (panelHeight + GAP), panelHeight, "cache hit ratio", BenchRecord::hitRatio, "%.3f",
                    hitBand, true);
            setFont(Font.PLAIN, 12);
            g.setColor(INK);
            int axisY = TOP + 4 * panelHeight + 3 * GAP;
            String xLabel = "run (oldest to newest)" + (records.isEmpty() ? ""
                    : ": " + shortTime(records.get(0).time()) + " .. " + shortTime(records.get(records.size() - 1).time()));
            text(xLabel, LEFT + (WIDTH - LEFT - RIGHT) / 2, axisY + 40, true);
        } finally {
            g.dispose();
        }
        return image;
    }

    private String title() {
        if (records.isEmpty()) {
            return "benchmark history: no runs yet";
        }
        BenchRecord last = records.get(records.size() - 1);
        return String.format(Locale.ROOT, "benchmark history: %d run%s%s", records.size(),
                records.size() == 1 ? "" : "s", last.label() == null ? "" : ", " + last.label());
    }

    private record Band(double median, double low, double high) {
    }

    private void panel(int top, int height, String name, Function<BenchRecord, Double> metric, String valueFormat,
                       Band band, boolean unitRange) {
        int left = LEFT;
        int width = WIDTH - LEFT - RIGHT;
        List<Double> values = new ArrayList<>();
        for (BenchRecord r : records) {
            values.add(metric.apply(r));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Double v : values) {
            if (v != null && Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (band != null) {
            lo = Math.min(lo, band.low());
            hi = Math.max(hi, band.high());
        }
        boolean empty = lo > hi;
        if (empty) {
            lo = 0;
            hi = 1;
        }
        double pad = hi > lo ? (hi - lo) * 0.12 : Math.max(Math.abs(hi) * 0.1, unitRange ? 0.05 : 1);
        lo -= pad;
        hi += pad;
        if (unitRange) {
            lo = Math.max(0, lo);
            hi = Math.min(1, hi);
        } else if (lo < 0) {
            lo = 0;
        }
        double[] ticks = ticks(lo, hi);
        lo = Math.min(lo, ticks[0]);
        hi = Math.max(hi, ticks[ticks.length - 1]);
        final double yLo = lo;
        final double yHi = hi;
        Function<Double, Double> y = v -> top + height - (v - yLo) / (yHi - yLo) * height;

        g.setColor(INK);
        setFont(Font.BOLD, 13);
        text(name, left, top - 8, false);
        setFont(Font.PLAIN, 11);
        for (double t : ticks) {
            double ty = y.apply(t);
            g.setColor(GRID);
            g.drawLine(left, (int) Math.round(ty), left + width, (int) Math.round(ty));
            g.setColor(INK);
            textRight(String.format(Locale.ROOT, tickFormat(ticks), t), left - 6, (int) Math.round(ty) + 4);
        }
        int n = records.size();
        Function<Integer, Double> x = i -> n <= 1 ? left + width / 2.0 : left + 12 + i * (width - 24.0) / (n - 1);
        int step = Math.max(1, (int) Math.ceil(n / 20.0));
        for (int i = 0; i < n; i += step) {
            g.setColor(INK);
            int tx = (int) Math.round(x.apply(i));
            g.drawLine(tx, top + height, tx, top + height + 4);
            text(Integer.toString(i + 1), tx, top + height + 16, true);
        }
        if (band != null) {
            int bandTop = (int) Math.round(y.apply(band.high()));
            int bandBottom = (int) Math.round(y.apply(band.low()));
            g.setColor(BAND);
            g.fillRect(left, bandTop, width, Math.max(1, bandBottom - bandTop));
            g.setColor(MEDIAN);
            Stroke old = g.getStroke();
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            int my = (int) Math.round(y.apply(band.median()));
            g.drawLine(left, my, left + width, my);
            g.setStroke(old);
            label(String.format(Locale.ROOT, "baseline " + valueFormat, band.median()), left + 6,
                    my - 5 < top + 14 ? my + 15 : my - 5, false);
        }
        g.setColor(INK);
        g.drawRect(left, top, width, height);
        if (empty) {
            setFont(Font.ITALIC, 12);
            text("not measured", left + width / 2, top + height / 2, true);
            return;
        }
        g.setColor(LINE);
        g.setStroke(new BasicStroke(2f));
        Path2D.Double line = new Path2D.Double();
        boolean penDown = false;
        for (int i = 0; i < n; i++) {
            Double v = values.get(i);
            if (v == null) {
                penDown = false; // a run without this metric breaks the line rather than inventing a value
                continue;
            }
            if (penDown) {
                line.lineTo(x.apply(i), y.apply(v));
            } else {
                line.moveTo(x.apply(i), y.apply(v));
                penDown = true;
            }
        }
        g.draw(line);
        double r = n > 60 ? 2 : 3.5;
        for (int i = 0; i < n; i++) {
            Double v = values.get(i);
            if (v != null) {
                g.fill(new Ellipse2D.Double(x.apply(i) - r, y.apply(v) - r, 2 * r, 2 * r));
            }
        }
        Double newest = values.get(n - 1);
        if (newest != null) {
            double nx = x.apply(n - 1);
            double ny = y.apply(newest);
            g.setColor(NEWEST);
            g.fill(new Ellipse2D.Double(nx - 6, ny - 6, 12, 12));
            setFont(Font.BOLD, 12);
            // Above the point, unless that would leave the panel.
            int labelY = ny - 10 < top + 16 ? (int) ny + 22 : (int) ny - 10;
            label(String.format(Locale.ROOT, "newest " + valueFormat, newest), (int) nx - 10, labelY, true);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** About five round tick values covering [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double span = hi - lo;
        double raw = span / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        double first = Math.floor(lo / step) * step;
        List<Double> out = new ArrayList<>();
        for (double t = first; t <= hi + step * 0.999; t += step) {
            out.add(t);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String tickFormat(double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        if (step >= 1) {
            return "%.0f";
        }
        int decimals = (int) Math.ceil(-Math.log10(step) + 1e-9);
        return "%." + Math.min(4, decimals + (step * Math.pow(10, decimals) % 1 > 1e-6 ? 1 : 0)) + "f";
    }

    private static String shortTime(String iso) {
        return iso.length() >= 16 ? iso.substring(0, 16).replace('T', ' ') : iso;
    }

    // A JVM without any usable font (a bare container) throws from the font machinery; the chart is still worth
    // having without its labels, so text is dropped from then on rather than failing the run.
    private void setFont(int style, int size) {
        if (text) {
            try {
                g.setFont(new Font(Font.SANS_SERIF, style, size));
            } catch (RuntimeException | InternalError | LinkageError noFonts) {
                text = false;
            }
        }
    }

    private void text(String s, int x, int baselineY, boolean centered) {
        if (!text) {
            return;
        }
        try {
            FontMetrics fm = g.getFontMetrics();
            g.drawString(s, centered ? x - fm.stringWidth(s) / 2 : x, baselineY);
        } catch (RuntimeException | InternalError | LinkageError noFonts) {
            text = false;
        }
    }

    /** Text on a white box, so lines under it do not make it unreadable; {@code x} is its left or right end. */
    private void label(String s, int x, int baselineY, boolean rightAligned) {
        if (!text) {
            return;
        }
        try {
            FontMetrics fm = g.getFontMetrics();
            int w = fm.stringWidth(s);
            int left = rightAligned ? x - w : x;
            Color ink = g.getColor();
            g.setColor(new Color(255, 255, 255, 220));
            g.fillRect(left - 3, baselineY - fm.getAscent(), w + 6, fm.getAscent() + fm.getDescent());
            g.setColor(ink);
            g.drawString(s, left, baselineY);
        } catch (RuntimeException | InternalError | LinkageError noFonts) {
            text = false;
        }
    }

    private void textRight(String s, int right, int baselineY) {
        if (!text) {
            return;
        }
        try {
            g.drawString(s, right - g.getFontMetrics().stringWidth(s), baselineY);
        } catch (RuntimeException | InternalError | LinkageError noFonts) {
            text = false;
        }
    }
}
