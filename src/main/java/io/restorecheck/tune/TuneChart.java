package io.restorecheck.tune;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The tuning chart (PNG, drawn with Java2D, headless): one row per ranked variant, best on top; left the
 * median capacity as a bar with its interval as a whisker, right the hit ratio on a 0..1 scale.
 */
final class TuneChart {
    private static final int ROW = 34;
    private static final int TOP = 56;
    private static final int WIDTH = 1_000;
    private static final Color BAR = new Color(0x4c78a8);
    private static final Color HIT = new Color(0x54a24b);
    private static final Color GRID = new Color(0xd0d7de);

    private TuneChart() {
    }

    static void write(Path file, Ranking ranking) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<VariantResult> rows = ranking.ranked();
        int height = TOP + Math.max(1, rows.size()) * ROW + 40;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            int labelWidth = 40;
            for (VariantResult r : rows) {
                labelWidth = Math.max(labelWidth, fm.stringWidth(r.variant().name()) + 30);
            }
            labelWidth = Math.min(labelWidth, 380);
            int tpLeft = labelWidth;
            int tpWidth = (int) ((WIDTH - labelWidth - 40) * 0.68);
            int hitLeft = tpLeft + tpWidth + 60;
            int hitWidth = WIDTH - hitLeft - 20;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("Capacity median (req/s) with interval", tpLeft, 22);
            g.drawString("Hit ratio", hitLeft, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            if (rows.isEmpty()) {
                g.drawString("no variant was measured", tpLeft, TOP + 20);
            }
            double max = rows.stream().mapToDouble(r -> r.capacity().high()).max().orElse(1);
            max = niceCeiling(Math.max(max, 1));
            int bottom = TOP + rows.size() * ROW;
            for (int i = 0; i <= 4; i++) {
                int x = tpLeft + (int) (tpWidth * i / 4.0);
                g.setColor(GRID);
                g.drawLine(x, TOP - 6, x, bottom);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.0f", max * i / 4), x - 10, bottom + 16);
                int hx = hitLeft + (int) (hitWidth * i / 4.0);
                g.setColor(GRID);
                g.drawLine(hx, TOP - 6, hx, bottom);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.2f", i / 4.0), hx - 12, bottom + 16);
            }
            for (int i = 0; i < rows.size(); i++) {
                VariantResult r = rows.get(i);
                Interval t = r.capacity();
                int y = TOP + i * ROW;
                g.setColor(Color.BLACK);
                String label = (i + 1) + ". " + r.variant().name();
                while (fm.stringWidth(label) > labelWidth - 10 && label.length() > 4) {
                    label = label.substring(0, label.length() - 2);
                }
                g.drawString(label, 8, y + ROW / 2 + 4);
                int barW = (int) (tpWidth * t.median() / max);
                g.setColor(BAR);
                g.fillRect(tpLeft, y + 6, barW, ROW - 12);
                int lo = tpLeft + (int) (tpWidth * t.low() / max);
                int hi = tpLeft + (int) (tpWidth * t.high() / max);
                int mid = y + ROW / 2;
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(2));
                g.drawLine(lo, mid, hi, mid);
                g.drawLine(lo, mid - 6, lo, mid + 6);
                g.drawLine(hi, mid - 6, hi, mid + 6);
                g.setStroke(new BasicStroke(1));
                g.drawString(String.format(Locale.ROOT, "%.0f", t.median()), Math.min(hi + 6, hitLeft - 40), mid - 4);
                double hit = r.hitRatio();
                if (Double.isNaN(hit)) {
                    g.drawString("n/a", hitLeft + 4, mid + 4);
                } else {
                    g.setColor(HIT);
                    g.fillRect(hitLeft, y + 6, (int) (hitWidth * hit), ROW - 12);
                    g.setColor(Color.BLACK);
                    g.drawString(String.format(Locale.ROOT, "%.3f", hit), hitLeft + 4, mid + 4);
                }
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** A round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at least {@code v}. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
