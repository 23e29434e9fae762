package io.restorecheck.tune;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the value a PostgreSQL server shows for a setting is the value that was asked for, whatever the
 * spelling: {@code 131072kB} is {@code 128MB}, {@code 1min} is {@code 60s}, {@code yes} is {@code on}. A bare
 * number is compared with the raw value in the setting's own unit ({@code pg_settings.setting}, e.g. 8kB pages).
 */
final class SettingValues {
    private static final Pattern QUANTITY = Pattern.compile("\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*");
    private static final Map<String, Double> MEMORY = Map.of("b", 1.0, "kb", 1024.0, "mb", 1024.0 * 1024,
            "gb", 1024.0 * 1024 * 1024, "tb", 1024.0 * 1024 * 1024 * 1024);
    private static final Map<String, Double> TIME = Map.of("us", 1e-3, "ms", 1.0, "s", 1e3, "min", 60e3,
            "h", 3600e3, "d", 86400e3);

    private SettingValues() {
    }

    /**
     * @param shown   {@code current_setting(name)}, as SHOW prints it
     * @param raw     {@code pg_settings.setting}, in {@code unit} (may be null)
     */
    static boolean same(String asked, String shown, String raw, String unit) {
        String a = asked.trim();
        if (a.equalsIgnoreCase(shown.trim()) || (raw != null && a.equalsIgnoreCase(raw.trim()))) {
            return true;
        }
        Optional<Boolean> ab = bool(a);
        if (ab.isPresent()) {
            return ab.equals(bool(shown));
        }
        Optional<Double> as = scaled(a);
        Optional<Double> ss = scaled(shown);
        if (as.isPresent() && ss.isPresent() && close(as.get(), ss.get())) {
            return true;
        }
        Matcher m = QUANTITY.matcher(a);
        if (m.matches() && m.group(2).isEmpty() && raw != null) {
            try {
                return close(Double.parseDouble(m.group(1)), Double.parseDouble(raw.trim()));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /** A quantity in bytes or milliseconds (memory and time units kept apart by sign of the scale), or a number. */
    private static Optional<Double> scaled(String text) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        if (unit.isEmpty()) {
            return Optional.of(n);
        }
        if (MEMORY.containsKey(unit)) {
            return Optional.of(n * MEMORY.get(unit));
        }
        if (TIME.containsKey(unit)) {
            // Kept negative so a time never equals a memory amount by accident.
            return Optional.of(-n * TIME.get(unit) - 1e-9);
        }
        return Optional.empty();
    }

    private static Optional<Boolean> bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> Optional.of(true);
            case "off", "false", "no", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
