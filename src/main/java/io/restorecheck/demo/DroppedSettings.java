package io.restorecheck.demo;

import io.restorecheck.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code settings-drift}: the restored host got a stock postgresql.conf; the tuned lines of the old one are
 * commented out before the restored server first starts.
 */
final class DroppedSettings {
    private DroppedSettings() {
    }

    static void strike(Path conf, Set<String> tuned) {
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(conf)) {
                String key = line.trim().split("[\\s=]", 2)[0].toLowerCase(Locale.ROOT);
                lines.add(tuned.contains(key) ? "#" + line + "   # dropped by --break settings-drift" : line);
            }
            Files.write(conf, lines);
        } catch (IOException e) {
            throw new LabException("cannot rewrite " + conf, e);
        }
    }
}
