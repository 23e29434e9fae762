package io.restorecheck.drill;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * A PNG of the drill history: restore time and recovery point (data loss) over the runs, oldest left, each with
 * its budget as a red line, so a restore that grows slower night after night shows before it breaks the budget.
 * Headless Java2D; text is dropped on a JVM without fonts rather than failing the run.
 */
final class DrillChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 620;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int GAP = 60;
    private static final int BOTTOM = 50;

    private final List<DrillRecord> records;
    private Graphics2D g;
    private boolean text = true;

    private DrillChart(List<DrillRecord> records) {
        this.records = records;
    }

    static void write(List<DrillRecord> records, double restoreBudgetSeconds, double lossBudgetSeconds, Path png) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        DrillChart chart = new DrillChart(List.copyOf(records));
        chart.g = image.createGraphics();
        try {
            chart.draw(restoreBudgetSeconds, lossBudgetSeconds);
        } finally {
            chart.g.dispose();
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drill chart " + png, e);
        }
    }

    private void draw(double restoreBudget, double lossBudget) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.DARK_GRAY);
        text("restore drill history: " + records.size() + " run" + (records.size() == 1 ? "" : "s"), LEFT, 30, 16);
        int h = (HEIGHT - TOP - BOTTOM - GAP) / 2;
        panel(TOP, h, "restore time (s): fetch + start + consistency + replay + promote",
                DrillRecord::restoreSeconds, restoreBudget);
        panel(TOP + h + GAP, h, "recovery point: data loss at the drill (s)", DrillRecord::dataLossSeconds,
                lossBudget);
    }

    private void panel(int top, int height, String title, Function<DrillRecord, Double> metric, double budget) {
        int width = WIDTH - LEFT - RIGHT;
        double hi = budget;
        for (DrillRecord r : records) {
            Double v = metric.apply(r);
            if (v != null) {
                hi = Math.max(hi, v);
            }
        }
        double top1 = hi <= 0 ? 1 : hi * 1.15;
        Function<Double, Double> y = v -> top + height - v / top1 * height;
        g.setColor(Color.DARK_GRAY);
        text(title, LEFT, top - 8, 13);
        g.drawRect(LEFT, top, width, height);
        for (int i = 0; i <= 4; i++) {
            double v = top1 * i / 4;
            int ty = (int) Math.round(y.apply(v));
            g.setColor(new Color(0xE2, 0xE2, 0xE2));
            g.drawLine(LEFT + 1, ty, LEFT + width - 1, ty);
            g.setColor(Color.DARK_GRAY);
            text(String.format(Locale.ROOT, "%.1f", v), 20, ty + 4, 11);
        }
        g.setColor(new Color(0xD6, 0x3A, 0x1A));
        int by = (int) Math.round(y.apply(budget));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        g.drawLine(LEFT, by, LEFT + width, by);
        text(String.format(Locale.ROOT, "budget %.1f s", budget), LEFT + width - 110, by - 4, 11);
        int n = records.size();
        Function<Integer, Double> x = i -> n <= 1 ? LEFT + width / 2.0 : LEFT + 12 + i * (width - 24.0) / (n - 1);
        g.setColor(new Color(0x1F, 0x6F, 0xB4));
        g.setStroke(new BasicStroke(2f));
        Path2D.Double line = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            Double v = metric.apply(records.get(i));
            if (v == null) {
                pen = false; // a drill that restored nothing breaks the line rather than inventing a value
                continue;
            }
            if (pen) {
                line.lineTo(x.apply(i), y.apply(v));
            } else {
                line.moveTo(x.apply(i), y.apply(v));
                pen = true;
            }
            g.fill(new Ellipse2D.Double(x.apply(i) - 3.5, y.apply(v) - 3.5, 7, 7));
        }
        g.draw(line);
        if (n > 0 && metric.apply(records.get(n - 1)) != null) {
            double v = metric.apply(records.get(n - 1));
            text(String.format(Locale.ROOT, "newest %.1f s", v), (int) Math.round(x.apply(n - 1)) - 90,
                    (int) Math.round(y.apply(v)) - 10, 12);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private void text(String s, int x, int y, int size) {
        if (!text) {
            return;
        }
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            g.drawString(s, x, y);
        } catch (RuntimeException | InternalError | LinkageError noFonts) {
            text = false;
        }
    }
}
