package io.restorecheck.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * A PNG of the capacity search: rate served against rate offered (with the ideal diagonal) and p95 per probe
 * against its ceiling, probes that broke in red, the knee marked. Java2D, headless.
 */
public final class CapacityChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 640;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 78;
    private static final int GAP = 60;
    private static final int PANEL = 210;
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color GRID = new Color(0xE2, 0xE2, 0xE2);
    private static final Color HELD = new Color(0x1F, 0x6F, 0xB4);
    private static final Color BROKE = new Color(0xD6, 0x3A, 0x1A);
    private static final Color KNEE = new Color(0x2E, 0x9E, 0x4F);

    private final CapacityResult result;
    private final long maxP95Ms;
    private Graphics2D g;

    private CapacityChart(CapacityResult result, long maxP95Ms) {
        this.result = result;
        this.maxP95Ms = maxP95Ms;
    }

    public static void write(CapacityResult result, long maxP95Ms, Path png) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new CapacityChart(result, maxP95Ms).draw();
        try {
            if (png.getParent() != null) {
                Files.createDirectories(png.getParent());
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the capacity chart " + png, e);
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
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("capacity knee " + (result.lowerBound() ? "at least " : "") + RampPlan.rate(
                    result.kneePerSec()) + " req/s", LEFT, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String sub = result.probes().size() + " probes in " + Math.round(result.wallMs() / 1000.0) + " s; "
                    + result.brokeText();
            g.drawString(sub.length() > 120 ? sub.substring(0, 117) + "..." : sub, LEFT, 44);
            List<CapacityProbe> probes = result.sortedByRate();
            double maxRate = Math.max(1, probes.stream().mapToDouble(CapacityProbe::offeredPerSec).max().orElse(1));
            double maxServed = Math.max(maxRate, probes.stream().mapToDouble(CapacityProbe::servedPerSec).max()
                    .orElse(1));
            double maxP95 = Math.max(maxP95Ms * 1.2, probes.stream().mapToDouble(CapacityProbe::p95Ms).max().orElse(1));
            panel(TOP, "served (req/s)", probes, CapacityProbe::servedPerSec, maxRate, maxServed, maxServed, "%.0f");
            panel(TOP + PANEL + GAP, "p95 (ms)", probes, CapacityProbe::p95Ms, maxRate, maxP95, maxP95Ms, "%.0f");
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("offered (req/s); blue held, red broke, green line: the knee; dashed: ideal served = offered"
                    + " (top), p95 ceiling " + maxP95Ms + " ms (bottom)", LEFT, TOP + 2 * PANEL + GAP + 45);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void panel(int top, String name, List<CapacityProbe> probes, ToDoubleFunction<CapacityProbe> value,
                       double maxX, double maxY, double reference, String format) {
        int width = WIDTH - LEFT - RIGHT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 4; i++) {
            int y = top + PANEL - PANEL * i / 4;
            g.setColor(GRID);
            g.drawLine(LEFT, y, LEFT + width, y);
            g.setColor(INK);
            g.drawString(String.format(Locale.ROOT, format, maxY * i / 4), 10, y + 4);
            int x = LEFT + width * i / 4;
            g.drawString(String.format(Locale.ROOT, "%.0f", maxX * i / 4), x - 10, top + PANEL + 16);
        }
        g.drawString(name, LEFT, top - 8);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.setColor(Color.GRAY);
        if (reference == maxY) {
            g.drawLine(x(0, maxX), y(top, 0, maxY), x(maxX, maxX), y(top, maxX, maxY));
        } else {
            g.drawLine(LEFT, y(top, reference, maxY), LEFT + width, y(top, reference, maxY));
        }
        if (result.highestHeld().isPresent()) {
            g.setColor(KNEE);
            int kx = x(result.kneePerSec(), maxX);
            g.drawLine(kx, top, kx, top + PANEL);
            g.drawString("knee " + RampPlan.rate(result.kneePerSec()) + "/s", kx + 4, top + 12);
        }
        g.setStroke(new BasicStroke(2f));
        Path2D line = new Path2D.Double();
        for (int i = 0; i < probes.size(); i++) {
            CapacityProbe p = probes.get(i);
            double px = x(p.offeredPerSec(), maxX);
            double py = y(top, Math.min(maxY, value.applyAsDouble(p)), maxY);
            if (i == 0) {
                line.moveTo(px, py);
            } else {
                line.lineTo(px, py);
            }
        }
        g.setColor(HELD);
        g.draw(line);
        for (CapacityProbe p : probes) {
            int px = x(p.offeredPerSec(), maxX);
            int py = y(top, Math.min(maxY, value.applyAsDouble(p)), maxY);
            g.setColor(p.held() ? HELD : BROKE);
            g.fillOval(px - 5, py - 5, 10, 10);
        }
    }

    private int x(double rate, double maxX) {
        return LEFT + (int) Math.round((WIDTH - LEFT - RIGHT) * rate / maxX);
    }

    private static int y(int top, double v, double maxY) {
        return top + PANEL - (int) Math.round(PANEL * v / maxY);
    }
}
