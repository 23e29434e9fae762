package io.restorecheck.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One object of the configuration being read: typed accessors that remember which keys were used, so that
 * {@link #rejectUnknown()} can name any key nobody asked for (a typo is an error, not a silent default).
 * Every config file of the harness (the site config, the tuning matrix) is read through it: one set of rules for
 * unknown keys, bounds and {@code file:line} errors.
 */
public final class Node {
    private final ConfigObject object;
    private final String path;
    private final Path file;
    private final Set<String> known = new LinkedHashSet<>();

    Node(ConfigObject object, String path, Path file) {
        this.object = object;
        this.path = path;
        this.file = file;
    }

    public String path() {
        return path;
    }

    public boolean has(String key) {
        known.add(key);
        ConfigValue v = object.get(key);
        return v != null && v.valueType() != ConfigValueType.NULL;
    }

    public String string(String key) {
        return required(key, this::stringValue);
    }

    public Optional<String> optString(String key) {
        return optional(key, this::stringValue);
    }

    public Path pathValue(String key) {
        return Path.of(string(key));
    }

    public Optional<Path> optPath(String key) {
        return optString(key).map(Path::of);
    }

    public double number(String key, double min, double max) {
        return required(key, v -> boundedNumber(key, v, min, max));
    }

    public Optional<Double> optNumber(String key, double min, double max) {
        return optional(key, v -> boundedNumber(key, v, min, max));
    }

    public int integer(String key, int min, int max) {
        return required(key, v -> (int) wholeNumber(key, v, min, max));
    }

    public Optional<Integer> optInteger(String key, int min, int max) {
        return optional(key, v -> (int) wholeNumber(key, v, min, max));
    }

    public Duration duration(String key) {
        return required(key, v -> durationValue(key, v));
    }

    public Optional<Duration> optDuration(String key) {
        return optional(key, v -> durationValue(key, v));
    }

    public boolean bool(String key, boolean fallback) {
        return optional(key, v -> {
            if (v.valueType() != ConfigValueType.BOOLEAN) {
                throw error(key, v.origin(), "must be true or false, got " + render(v));
            }
            return (Boolean) v.unwrapped();
        }).orElse(fallback);
    }

    public List<String> strings(String key) {
        return required(key, v -> {
            List<String> out = new ArrayList<>();
            for (ConfigValue item : list(key, v)) {
                out.add(stringValue(item));
            }
            return List.copyOf(out);
        });
    }

    public Optional<List<String>> optStrings(String key) {
        return has(key) ? Optional.of(strings(key)) : Optional.empty();
    }

    public Node child(String key) {
        return required(key, v -> objectNode(key, v));
    }

    public Optional<Node> optChild(String key) {
        return optional(key, v -> objectNode(key, v));
    }

    public List<Node> children(String key) {
        return required(key, v -> {
            List<Node> out = new ArrayList<>();
            List<ConfigValue> items = list(key, v);
            for (int i = 0; i < items.size(); i++) {
                out.add(objectNode(key + "[" + i + "]", items.get(i)));
            }
            return out;
        });
    }

    /** The root object of a HOCON file; a missing or malformed file is a {@link ConfigError}. */
    public static Node root(Path file) {
        return new Node(HoconFile.parse(file).root(), "", file);
    }

    public Path file() {
        return file;
    }

    /** The line {@code key} is written on, or this object's line when it is absent. */
    public int line(String key) {
        ConfigValue v = object.get(key);
        ConfigOrigin origin = v == null ? object.origin() : v.origin();
        return origin == null ? 0 : Math.max(origin.lineNumber(), 0);
    }

    public boolean isBoolean(String key) {
        ConfigValue v = object.get(key);
        return v != null && v.valueType() == ConfigValueType.BOOLEAN;
    }

    /** A long in [min, max], exact beyond 2^53 (a seed); absent or null is empty. */
    public Optional<Long> optLong(String key, long min, long max) {
        return optional(key, v -> {
            if (v.unwrapped() instanceof Long || v.unwrapped() instanceof Integer) {
                long n = ((Number) v.unwrapped()).longValue();
                if (n < min || n > max) {
                    throw error(key, v.origin(), "must be between " + min + " and " + max + ", got " + n);
                }
                return n;
            }
            return wholeNumber(key, v, min, max);
        });
    }

    /** A list of whole numbers in [min, max], or a single one meaning a list of one. */
    public List<Long> wholes(String key, long min, long max) {
        return required(key, v -> {
            List<Long> out = new ArrayList<>();
            for (ConfigValue item : listOrOne(key, v)) {
                out.add(wholeNumber(key, item, min, max));
            }
            return List.copyOf(out);
        });
    }

    /**
     * A free-form object whose keys are names the harness does not know in advance (e.g. PostgreSQL settings):
     * every leaf, dotted names flattened ({@code a.b = 1} and {@code a { b = 1 }} are both {@code a.b}), in the
     * order the file writes them, each with its values (a list, or a single value meaning a list of one).
     */
    public List<Leaf> leaves() {
        List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(object.toConfig().entrySet());
        entries.sort(Comparator.<Map.Entry<String, ConfigValue>>comparingInt(e -> line(e.getValue().origin()))
                .thenComparing(Map.Entry::getKey));
        List<Leaf> out = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : entries) {
            String name = String.join(".", ConfigUtil.splitPath(e.getKey()));
            ConfigValue v = e.getValue();
            List<String> values = new ArrayList<>();
            for (ConfigValue item : listOrOne(name, v)) {
                values.add(scalar(name, item));
            }
            out.add(new Leaf(qualified(name), name, line(v.origin()), v.valueType() == ConfigValueType.LIST,
                    List.copyOf(values)));
        }
        known.addAll(object.keySet());
        return out;
    }

    /** One leaf of {@link #leaves()}: its full key for messages, its name inside the object, where it is written. */
    public record Leaf(String qualified, String name, int line, boolean list, List<String> values) {
    }

    private List<ConfigValue> listOrOne(String key, ConfigValue v) {
        if (v.valueType() == ConfigValueType.LIST) {
            return new ArrayList<>((com.typesafe.config.ConfigList) v);
        }
        if (v.valueType() == ConfigValueType.OBJECT) {
            throw error(key, v.origin(), "must be a list of values [ ... ], got an object");
        }
        return List.of(v);
    }

    private String scalar(String key, ConfigValue v) {
        return switch (v.valueType()) {
            case STRING, NUMBER, BOOLEAN -> String.valueOf(v.unwrapped());
            default -> throw error(key, v.origin(), "must be a single value, got " + render(v));
        };
    }

    private static int line(ConfigOrigin origin) {
        return origin == null ? 0 : Math.max(origin.lineNumber(), 0);
    }

    /** Fails on the first key of this object that no accessor asked for. */
    public void rejectUnknown() {
        for (String key : new TreeSet<>(object.keySet())) {
            if (!known.contains(key)) {
                throw error(key, object.get(key).origin(), "is not a known key" + (known.isEmpty() ? ""
                        : " (known here: " + String.join(", ", known) + ")"));
            }
        }
    }

    public ConfigError error(String key, String problem) {
        ConfigValue v = object.get(key);
        return error(key, v == null ? object.origin() : v.origin(), problem);
    }

    private ConfigError error(String key, ConfigOrigin origin, String problem) {
        return new ConfigError(file, origin == null ? 0 : Math.max(origin.lineNumber(), 0), qualified(key), problem);
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private <T> T required(String key, Function<ConfigValue, T> read) {
        known.add(key);
        ConfigValue v = object.get(key);
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            throw error(key, object.origin(), "is missing" + (path.isEmpty() ? "" : " in " + path + " { }"));
        }
        return read.apply(v);
    }

    private <T> Optional<T> optional(String key, Function<ConfigValue, T> read) {
        known.add(key);
        ConfigValue v = object.get(key);
        return v == null || v.valueType() == ConfigValueType.NULL ? Optional.empty() : Optional.of(read.apply(v));
    }

    private String stringValue(ConfigValue v) {
        return switch (v.valueType()) {
            case STRING, NUMBER, BOOLEAN -> String.valueOf(v.unwrapped());
            default -> throw new ConfigError(file, v.origin().lineNumber(), path,
                    "expected a string, got " + v.valueType().name().toLowerCase() + " " + render(v));
        };
    }

    private double boundedNumber(String key, ConfigValue v, double min, double max) {
        double d;
        if (v.valueType() == ConfigValueType.NUMBER) {
            d = ((Number) v.unwrapped()).doubleValue();
        } else if (v.valueType() == ConfigValueType.STRING) {
            try {
                d = Double.parseDouble(((String) v.unwrapped()).trim());
            } catch (NumberFormatException e) {
                throw error(key, v.origin(), "must be a number, got " + render(v));
            }
        } else {
            throw error(key, v.origin(), "must be a number, got " + render(v));
        }
        if (!(d >= min && d <= max)) {
            throw error(key, v.origin(), "must be between " + trim(min) + " and " + trim(max) + ", got " + trim(d));
        }
        return d;
    }

    private long wholeNumber(String key, ConfigValue v, double min, double max) {
        double d = boundedNumber(key, v, min, max);
        if (d != Math.rint(d)) {
            throw error(key, v.origin(), "must be a whole number, got " + trim(d));
        }
        return (long) d;
    }

    private Duration durationValue(String key, ConfigValue v) {
        try {
            Duration d = object.toConfig().getDuration(ConfigKey.quote(key));
            if (d.isNegative()) {
                throw error(key, v.origin(), "must not be negative, got " + render(v));
            }
            return d;
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw error(key, v.origin(), "must be a duration such as 60s, 250ms or 5m, got " + render(v));
        }
    }

    private List<ConfigValue> list(String key, ConfigValue v) {
        if (v.valueType() != ConfigValueType.LIST) {
            throw error(key, v.origin(), "must be a list [ ... ], got " + render(v));
        }
        return new ArrayList<>((com.typesafe.config.ConfigList) v);
    }

    private Node objectNode(String key, ConfigValue v) {
        if (v.valueType() != ConfigValueType.OBJECT) {
            throw error(key, v.origin(), "must be an object { ... }, got " + render(v));
        }
        return new Node((ConfigObject) v, qualified(key), file);
    }

    private static String render(ConfigValue v) {
        return v.render(com.typesafe.config.ConfigRenderOptions.concise());
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
