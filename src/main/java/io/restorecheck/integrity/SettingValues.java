package io.restorecheck.integrity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a value written in postgresql.conf with what {@code pg_settings} reports, the way the server would
 * read it: memory in B/kB/MB/GB/TB against the setting's unit (often 8kB blocks), time in us/ms/s/min/h/d,
 * booleans in any spelling the server accepts, enums case-insensitively.
 */
public final class SettingValues {
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "\\s*([-+]?(?:0x[0-9a-fA-F]+|\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?|\\.\\d+(?:[eE][-+]?\\d+)?))\\s*([A-Za-z]*)\\s*");
    private static final Pattern PG_UNIT = Pattern.compile("(\\d*)\\s*([A-Za-z]+)");

    private SettingValues() {
    }

    /** One row of pg_settings: the value in its own unit, the unit ({@code 8kB}, {@code ms}, or null), the type. */
    public record Actual(String setting, String unit, String vartype) {
        public String display() {
            if (unit == null || unit.isEmpty() || !("integer".equals(vartype) || "real".equals(vartype))) {
                return setting;
            }
            try {
                return human(Double.parseDouble(setting), unit);
            } catch (NumberFormatException e) {
                return setting + " " + unit;
            }
        }
    }

    /** True when the server, reading {@code expected}, would end up with {@code actual}. */
    public static boolean matches(String expected, Actual actual) {
        String type = actual.vartype() == null ? "string" : actual.vartype();
        switch (type) {
            case "bool" -> {
                Optional<Boolean> e = bool(expected);
                Optional<Boolean> a = bool(actual.setting());
                return e.isPresent() && e.equals(a);
            }
            case "integer", "real" -> {
                Optional<Double> e = inUnit(expected, actual.unit());
                double a;
                try {
                    a = Double.parseDouble(actual.setting());
                } catch (NumberFormatException ex) {
                    return false;
                }
                if (e.isEmpty()) {
                    return false;
                }
                double v = e.get();
                if ("integer".equals(type)) {
                    // PostgreSQL 12+ rounds a converted value to the nearest unit; older releases truncated.
                    return Math.round(v) == (long) a || (long) Math.floor(v) == (long) a;
                }
                return Math.abs(v - a) <= 1e-9 * Math.max(1, Math.abs(a));
            }
            case "enum" -> {
                return normalise(expected).equalsIgnoreCase(normalise(actual.setting()));
            }
            default -> {
                // The server canonicalises some strings (DateStyle 'iso, mdy' reads back as 'ISO, MDY').
                return normalise(expected).equalsIgnoreCase(normalise(actual.setting()));
            }
        }
    }

    /**
     * {@code value} (a number with an optional unit) expressed in {@code pgUnit}; a bare number is already in it.
     * Empty when the text is not a number or its unit does not fit (memory given for a time setting).
     */
    public static Optional<Double> inUnit(String value, String pgUnit) {
        Matcher m = NUMBER_WITH_UNIT.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(1);
        double number = digits.toLowerCase(Locale.ROOT).replace("+", "").replace("-", "").startsWith("0x")
                ? (digits.startsWith("-") ? -1 : 1) * Long.parseLong(digits.replaceFirst("^[-+]?0[xX]", ""), 16)
                : Double.parseDouble(digits);
        String unit = m.group(2);
        if (unit.isEmpty()) {
            return Optional.of(number);
        }
        if (pgUnit == null || pgUnit.isEmpty()) {
            return Optional.empty();
        }
        Optional<Double> from = scale(unit);
        Optional<Double> to = pgUnitScale(pgUnit);
        if (from.isEmpty() || to.isEmpty() || isMemory(unit) != isMemory(baseOf(pgUnit))) {
            return Optional.empty();
        }
        return Optional.of(number * from.get() / to.get());
    }

    /** A value in {@code pgUnit} written in the largest unit that keeps it whole, e.g. 8192 × 8kB = 64MB. */
    public static String human(double value, String pgUnit) {
        Optional<Double> scale = pgUnitScale(pgUnit);
        if (value == 0) {
            return "0";
        }
        if (scale.isEmpty() || value < 0) {
            return trim(value) + pgUnit;
        }
        double base = value * scale.get();
        String[] units = isMemory(baseOf(pgUnit)) ? new String[]{"TB", "GB", "MB", "kB", "B"}
                : new String[]{"d", "h", "min", "s", "ms", "us"};
        for (String u : units) {
            double s = scale(u).orElseThrow();
            if (base != 0 && base >= s && Math.abs(base / s - Math.rint(base / s)) < 1e-9) {
                return trim(base / s) + u;
            }
        }
        return trim(value) + pgUnit;
    }

    static Optional<Boolean> bool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        // The server accepts any unique prefix of true/false/yes/no, and on/off (at least "of" for off).
        if ("true".startsWith(t) || "yes".startsWith(t) || "on".equals(t) || "1".equals(t)) {
            return Optional.of(true);
        }
        if ("false".startsWith(t) || "no".startsWith(t) || "off".equals(t) || "of".equals(t) || "0".equals(t)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** Case and blanks around list commas do not matter to the server for enums and lists. */
    static String normalise(String value) {
        return value.trim().replaceAll("\\s*,\\s*", ", ").replaceAll("\\s+", " ");
    }

    private static Optional<Double> pgUnitScale(String pgUnit) {
        Matcher m = PG_UNIT.matcher(pgUnit.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        double multiplier = m.group(1).isEmpty() ? 1 : Double.parseDouble(m.group(1));
        return scale(m.group(2)).map(s -> s * multiplier);
    }

    private static String baseOf(String pgUnit) {
        Matcher m = PG_UNIT.matcher(pgUnit.trim());
        return m.matches() ? m.group(2) : pgUnit;
    }

    /** Bytes for memory units, microseconds for time units; unit names are case-sensitive, as in the server. */
    private static Optional<Double> scale(String unit) {
        return Optional.ofNullable(switch (unit) {
            case "B" -> 1d;
            case "kB" -> 1024d;
            case "MB" -> 1024d * 1024;
            case "GB" -> 1024d * 1024 * 1024;
            case "TB" -> 1024d * 1024 * 1024 * 1024;
            case "us" -> 1d;
            case "ms" -> 1_000d;
            case "s" -> 1_000_000d;
            case "min" -> 60_000_000d;
            case "h" -> 3_600_000_000d;
            case "d" -> 86_400_000_000d;
            default -> null;
        });
    }

    private static boolean isMemory(String unit) {
        return unit.endsWith("B");
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
