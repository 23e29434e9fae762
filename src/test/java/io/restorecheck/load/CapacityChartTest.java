package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityChartTest {
    @TempDir
    Path dir;

    private static CapacityProbe probe(double rate, double served, int p95, String broke) {
        return new CapacityProbe(rate, (long) (rate * 3), 0, served, 5, p95, Optional.ofNullable(broke), false, 4000);
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void drawsHeldProbesBlueBrokenOnesRedAndTheKneeGreen() throws Exception {
        CapacityProbe held = probe(200, 199, 40, null);
        CapacityProbe broke = probe(400, 120, 4000, "p95 4000 ms > 2000 ms");
        CapacityResult r = new CapacityResult(List.of(probe(100, 100, 20, null), held, broke), Optional.of(held),
                Optional.of(broke), CapacityResult.End.RESOLVED,
                new CapacitySearch.Settings(100, 800, 0.1, Duration.ofSeconds(30)), 12_000);
        Path png = dir.resolve("capacity-curve.png");

        CapacityChart.write(r, 2000, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(CapacityChart.WIDTH, image.getWidth());
        assertEquals(CapacityChart.HEIGHT, image.getHeight());
        assertTrue(count(image, 0x1F6FB4) > 200, "held probes and the curve in blue");
        assertTrue(count(image, 0xD63A1A) > 50, "the broken probe in red");
        assertTrue(count(image, 0x2E9E4F) > 100, "the knee line in green");
    }
}
