package io.restorecheck.tune;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.restorecheck.config.ConfigError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a tuning matrix (HOCON): either lists of values per setting, whose full product becomes the variants,
 * or a named list of {@code variants}. Errors are {@link ConfigError}s naming the file, the line and the key;
 * unknown keys and contradictions (a memcached item size above half its memory) are errors.
 */
public final class MatrixLoader {
    static final int DEFAULT_REPEATS = 3;
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);
    /** The time limit of {@code warm-up = true}: every page once, unless that takes longer. */
    public static final Duration FULL_WARM_UP = Duration.ofMinutes(5);
    private static final Set<String> ROOT_KEYS = Set.of("repeats", "duration", "warm-up", "shuffle-seed",
            "postgres", "memcached", "variants");
    private static final Set<String> VARIANT_KEYS = Set.of("name", "postgres", "memcached");
    /** memcached keys with their bounds: {@code -m} MB, {@code -t}, {@code -c}, {@code -I} KB. */
    private static final Map<String, long[]> MEMCACHED_KEYS = new LinkedHashMap<>();
    /** Settings the harness owns: changing them would move or cut the server off, or touch the WAL archive. */
    private static final Set<String> NOT_TUNABLE = Set.of("port", "listen_addresses", "unix_socket_directories",
            "data_directory", "config_file", "hba_file", "ident_file", "archive_mode", "archive_command",
            "archive_library", "restore_command", "recovery_target_time");
    private static final Pattern SETTING = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.,=+-]*");
    private static final int MAX_VARIANTS = 200;

    static {
        MEMCACHED_KEYS.put(Variant.MEMORY_MB, new long[] {1, 1 << 20});
        MEMCACHED_KEYS.put(Variant.THREADS, new long[] {1, 256});
        MEMCACHED_KEYS.put(Variant.MAX_CONNECTIONS, new long[] {1, 1_000_000});
        MEMCACHED_KEYS.put(Variant.ITEM_SIZE_MAX_KB, new long[] {1, 1 << 20});
    }

    private final Path file;

    private MatrixLoader(Path file) {
        this.file = file;
    }

    public static Matrix load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError(file, 0, "", "no such file");
        }
        Config config;
        try {
            config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve();
        } catch (ConfigException e) {
            int line = e.origin() == null ? 0 : Math.max(e.origin().lineNumber(), 0);
            throw new ConfigError(file, line, "", e.getMessage().replaceFirst("^.*?: \\d+: ", ""));
        }
        return new MatrixLoader(file).matrix(config.root());
    }

    private Matrix matrix(ConfigObject root) {
        rejectUnknown(root, "", ROOT_KEYS);
        int repeats = (int) whole(root, "", "repeats", 1, 100, DEFAULT_REPEATS);
        Duration duration = duration(root, "duration", DEFAULT_DURATION);
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw error(root.get("duration"), "duration", "must be between 1s and 1h, got " + duration.toMillis()
                    + " ms");
        }
        Duration warmUp = warmUp(root);
        OptionalLong seed = root.containsKey("shuffle-seed")
                ? OptionalLong.of(whole(root, "", "shuffle-seed", Long.MIN_VALUE, Long.MAX_VALUE, 0))
                : OptionalLong.empty();
        boolean product = root.containsKey("postgres") || root.containsKey("memcached");
        List<Variant> variants;
        if (root.containsKey("variants")) {
            if (product) {
                String key = root.containsKey("postgres") ? "postgres" : "memcached";
                throw error(root.get(key), key, "cannot be combined with 'variants': give either lists of values per"
                        + " setting (their product is measured) or a named list of variants");
            }
            variants = named(root.get("variants"));
        } else if (product) {
            variants = product(root);
        } else {
            throw new ConfigError(file, 0, "variants", "is missing: give postgres { setting = [values] } and/or"
                    + " memcached { memory-mb = [values] }, or variants = [ { name = ..., ... } ]");
        }
        if (variants.size() > MAX_VARIANTS) {
            throw new ConfigError(file, 0, "", "the matrix has " + variants.size() + " variants; at most "
                    + MAX_VARIANTS + " (each one is measured " + repeats + " times)");
        }
        return new Matrix(file, variants, repeats, duration, warmUp, seed);
    }

    /**
     * {@code warm-up = true | false | 10s}: true (the default) requests every page once, at most for {@link
     * #FULL_WARM_UP}; a duration stops the sweep earlier. A count-bounded sweep leaves every variant equally warm
     * however fast the machine is at that moment.
     */
    private Duration warmUp(ConfigObject root) {
        ConfigValue v = root.get("warm-up");
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            return FULL_WARM_UP;
        }
        if (v.valueType() == ConfigValueType.BOOLEAN) {
            return (Boolean) v.unwrapped() ? FULL_WARM_UP : Duration.ZERO;
        }
        return duration(root, "warm-up", Duration.ZERO);
    }

    // ---- full product -------------------------------------------------------------------------------------

    /** One dimension of the product: a qualified key, its values, and where it was written. */
    private record Dimension(String section, String key, List<String> values, ConfigOrigin origin) {
        String qualified() {
            return section + "." + key;
        }
    }

    private List<Variant> product(ConfigObject root) {
        List<Dimension> dims = new ArrayList<>();
        if (root.containsKey("postgres")) {
            ConfigObject pg = object(root.get("postgres"), "postgres");
            for (Map.Entry<String, ConfigValue> e : inFileOrder(pg)) {
                String key = settingName(e.getKey(), "postgres", e.getValue());
                List<String> values = new ArrayList<>();
                for (ConfigValue item : values(e.getValue(), "postgres." + key)) {
                    values.add(postgresValue(item, "postgres." + key));
                }
                dims.add(new Dimension("postgres", key, values, e.getValue().origin()));
            }
        }
        if (root.containsKey("memcached")) {
            ConfigObject mc = object(root.get("memcached"), "memcached");
            rejectUnknown(mc, "memcached", MEMCACHED_KEYS.keySet());
            for (String key : MEMCACHED_KEYS.keySet()) {
                if (mc.containsKey(key)) {
                    List<String> values = new ArrayList<>();
                    for (ConfigValue item : values(mc.get(key), "memcached." + key)) {
                        values.add(Long.toString(memcachedValue(item, key)));
                    }
                    dims.add(new Dimension("memcached", key, values, mc.get(key).origin()));
                }
            }
        }
        if (dims.isEmpty()) {
            throw new ConfigError(file, line(root.origin()), "postgres", "and memcached list no settings");
        }
        for (Dimension d : dims) {
            if (d.values().isEmpty()) {
                throw new ConfigError(file, line(d.origin()), d.qualified(), "must list at least one value");
            }
            if (new HashSet<>(d.values()).size() != d.values().size()) {
                throw new ConfigError(file, line(d.origin()), d.qualified(), "lists a value twice: " + d.values());
            }
        }
        List<Variant> variants = new ArrayList<>();
        int[] index = new int[dims.size()];
        while (true) {
            Map<String, String> pg = new LinkedHashMap<>();
            Map<String, Integer> mc = new LinkedHashMap<>();
            List<String> nameParts = new ArrayList<>();
            for (int i = 0; i < dims.size(); i++) {
                Dimension d = dims.get(i);
                String value = d.values().get(index[i]);
                if (d.section().equals("postgres")) {
                    pg.put(d.key(), value);
                } else {
                    mc.put(d.key(), Integer.parseInt(value));
                }
                if (d.values().size() > 1) {
                    nameParts.add(d.qualified() + "=" + value);
                }
            }
            String name = nameParts.isEmpty() ? "baseline" : String.join(",", nameParts);
            checkMemcached(mc, name, dims.stream().filter(d -> d.key().equals(Variant.ITEM_SIZE_MAX_KB))
                    .map(Dimension::origin).findFirst().orElse(root.origin()));
            variants.add(new Variant(name, pg, mc));
            int i = dims.size() - 1;
            while (i >= 0 && ++index[i] == dims.get(i).values().size()) {
                index[i] = 0;
                i--;
            }
            if (i < 0) {
                return variants;
            }
            if (variants.size() > MAX_VARIANTS) {
                return variants;
            }
        }
    }

    // ---- named variants -----------------------------------------------------------------------------------

    private List<Variant> named(ConfigValue list) {
        if (list.valueType() != ConfigValueType.LIST) {
            throw error(list, "variants", "must be a list [ { name = ..., postgres { ... }, memcached { ... } } ]");
        }
        List<Variant> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        ConfigList items = (ConfigList) list;
        if (items.isEmpty()) {
            throw error(list, "variants", "must list at least one variant");
        }
        for (int i = 0; i < items.size(); i++) {
            String path = "variants[" + i + "]";
            ConfigObject v = object(items.get(i), path);
            rejectUnknown(v, path, VARIANT_KEYS);
            Map<String, String> pg = new LinkedHashMap<>();
            if (v.containsKey("postgres")) {
                ConfigObject o = object(v.get("postgres"), path + ".postgres");
                for (Map.Entry<String, ConfigValue> e : inFileOrder(o)) {
                    String key = settingName(e.getKey(), path + ".postgres", e.getValue());
                    pg.put(key, postgresValue(e.getValue(), path + ".postgres." + key));
                }
            }
            Map<String, Integer> mc = new LinkedHashMap<>();
            if (v.containsKey("memcached")) {
                ConfigObject o = object(v.get("memcached"), path + ".memcached");
                rejectUnknown(o, path + ".memcached", MEMCACHED_KEYS.keySet());
                for (String key : MEMCACHED_KEYS.keySet()) {
                    if (o.containsKey(key)) {
                        mc.put(key, (int) memcachedValue(o.get(key), key));
                    }
                }
            }
            String name;
            if (v.containsKey("name")) {
                name = scalar(v.get("name"), path + ".name");
                if (!NAME.matcher(name).matches()) {
                    throw error(v.get("name"), path + ".name", "must be letters, digits and _ . , = + -, got '"
                            + name + "'");
                }
            } else {
                List<String> parts = new ArrayList<>();
                pg.forEach((k, val) -> parts.add("postgres." + k + "=" + val));
                mc.forEach((k, val) -> parts.add("memcached." + k + "=" + val));
                name = parts.isEmpty() ? "baseline" : String.join(",", parts);
            }
            if (!names.add(name)) {
                throw error(v.containsKey("name") ? v.get("name") : items.get(i), path + ".name",
                        "names a variant twice: '" + name + "'");
            }
            checkMemcached(mc, name, v.containsKey("memcached") ? v.get("memcached").origin() : v.origin());
            variants.add(new Variant(name, pg, mc));
        }
        return variants;
    }

    /** The leaf settings of an object (dotted names flattened), in the order the file lists them. */
    private static List<Map.Entry<String, ConfigValue>> inFileOrder(ConfigObject o) {
        List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(o.toConfig().entrySet());
        entries.sort(java.util.Comparator.<Map.Entry<String, ConfigValue>>comparingInt(e -> line(e.getValue().origin()))
                .thenComparing(Map.Entry::getKey));
        return entries;
    }

    // ---- values -------------------------------------------------------------------------------------------

    /** memcached refuses an item size above half its memory ("Cannot set item size limit higher than 1/2"). */
    private void checkMemcached(Map<String, Integer> mc, String variant, ConfigOrigin origin) {
        Integer itemKb = mc.get(Variant.ITEM_SIZE_MAX_KB);
        Integer memoryMb = mc.get(Variant.MEMORY_MB);
        if (itemKb != null && memoryMb != null && (long) itemKb * 2 > (long) memoryMb * 1024) {
            throw new ConfigError(file, line(origin), "memcached." + Variant.ITEM_SIZE_MAX_KB, "is " + itemKb
                    + " KB in variant '" + variant + "', more than half of its memory-mb " + memoryMb
                    + " (memcached refuses to start); use at most " + memoryMb * 512 + " KB");
        }
    }

    private String settingName(String rawPath, String where, ConfigValue v) {
        String key = String.join(".", ConfigUtil.splitPath(rawPath));
        if (!SETTING.matcher(key).matches()) {
            throw error(v, where + "." + key, "is not a PostgreSQL setting name (lower case, e.g. shared_buffers)");
        }
        if (NOT_TUNABLE.contains(key)) {
            throw error(v, where + "." + key, "is managed by the harness and cannot be tuned");
        }
        return key;
    }

    private String postgresValue(ConfigValue v, String key) {
        String value = scalar(v, key).trim();
        if (value.isEmpty() || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw error(v, key, "must be a non-empty one-line value");
        }
        return value;
    }

    private long memcachedValue(ConfigValue v, String key) {
        long[] bounds = MEMCACHED_KEYS.get(key);
        if (v.valueType() != ConfigValueType.NUMBER) {
            throw error(v, "memcached." + key, "must be a whole number, got " + render(v));
        }
        double d = ((Number) v.unwrapped()).doubleValue();
        if (d != Math.rint(d) || d < bounds[0] || d > bounds[1]) {
            throw error(v, "memcached." + key, "must be a whole number between " + bounds[0] + " and " + bounds[1]
                    + ", got " + render(v));
        }
        return (long) d;
    }

    /** A list of values, or a single value meaning a list of one. */
    private List<ConfigValue> values(ConfigValue v, String key) {
        if (v.valueType() == ConfigValueType.LIST) {
            return new ArrayList<>((ConfigList) v);
        }
        if (v.valueType() == ConfigValueType.OBJECT) {
            throw error(v, key, "must be a list of values [ ... ], got an object");
        }
        return List.of(v);
    }

    private String scalar(ConfigValue v, String key) {
        return switch (v.valueType()) {
            case STRING, NUMBER, BOOLEAN -> String.valueOf(v.unwrapped());
            default -> throw error(v, key, "must be a single value, got " + render(v));
        };
    }

    private long whole(ConfigObject o, String where, String key, long min, long max, long fallback) {
        ConfigValue v = o.get(key);
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            return fallback;
        }
        String qualified = where.isEmpty() ? key : where + "." + key;
        if (v.valueType() != ConfigValueType.NUMBER) {
            throw error(v, qualified, "must be a whole number, got " + render(v));
        }
        Number n = (Number) v.unwrapped();
        if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
            throw error(v, qualified, "must be a whole number between " + min + " and " + max + ", got " + render(v));
        }
        return n.longValue();
    }

    private Duration duration(ConfigObject o, String key, Duration fallback) {
        ConfigValue v = o.get(key);
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            return fallback;
        }
        try {
            Duration d = o.toConfig().getDuration(ConfigUtil.joinPath(key));
            if (d.isNegative()) {
                throw error(v, key, "must not be negative, got " + render(v));
            }
            return d;
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw error(v, key, "must be a duration such as 20s, 500ms or 2m, got " + render(v));
        }
    }

    private ConfigObject object(ConfigValue v, String key) {
        if (v.valueType() != ConfigValueType.OBJECT) {
            throw error(v, key, "must be an object { ... }, got " + render(v));
        }
        return (ConfigObject) v;
    }

    private void rejectUnknown(ConfigObject o, String where, Set<String> known) {
        for (String key : new java.util.TreeSet<>(o.keySet())) {
            if (!known.contains(key)) {
                throw error(o.get(key), where.isEmpty() ? key : where + "." + key, "is not a known key (known here: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private ConfigError error(ConfigValue v, String key, String problem) {
        return new ConfigError(file, v == null ? 0 : line(v.origin()), key, problem);
    }

    private static int line(ConfigOrigin origin) {
        return origin == null ? 0 : Math.max(origin.lineNumber(), 0);
    }

    private static String render(ConfigValue v) {
        return v.render(ConfigRenderOptions.concise());
    }
}
