package io.restorecheck.tune;

import io.restorecheck.config.ConfigError;
import io.restorecheck.config.Node;
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
 * unknown keys and contradictions (a memcached item size above half its memory) are errors. Read through the
 * site config's {@link Node}, so both files follow one set of rules.
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
        return new MatrixLoader(file).matrix(Node.root(file));
    }

    private Matrix matrix(Node root) {
        rejectUnknown(root, ROOT_KEYS);
        int repeats = root.optInteger("repeats", 1, 100).orElse(DEFAULT_REPEATS);
        Duration duration = root.optDuration("duration").orElse(DEFAULT_DURATION);
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw root.error("duration", "must be between 1s and 1h, got " + duration.toMillis() + " ms");
        }
        Duration warmUp = warmUp(root);
        OptionalLong seed = root.optLong("shuffle-seed", Long.MIN_VALUE, Long.MAX_VALUE)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        boolean product = root.has("postgres") || root.has("memcached");
        List<Variant> variants;
        if (root.has("variants")) {
            if (product) {
                String key = root.has("postgres") ? "postgres" : "memcached";
                throw root.error(key, "cannot be combined with 'variants': give either lists of values per"
                        + " setting (their product is measured) or a named list of variants");
            }
            variants = named(root);
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
    private static Duration warmUp(Node root) {
        if (!root.has("warm-up")) {
            return FULL_WARM_UP;
        }
        if (root.isBoolean("warm-up")) {
            return root.bool("warm-up", true) ? FULL_WARM_UP : Duration.ZERO;
        }
        return root.optDuration("warm-up").orElse(Duration.ZERO);
    }

    // ---- full product -------------------------------------------------------------------------------------

    /** One dimension of the product: a qualified key, its values, and the line it is written on. */
    private record Dimension(String section, String key, List<String> values, int line) {
        String qualified() {
            return section + "." + key;
        }
    }

    private List<Variant> product(Node root) {
        List<Dimension> dims = new ArrayList<>();
        if (root.has("postgres")) {
            for (Node.Leaf leaf : root.child("postgres").leaves()) {
                String key = settingName(leaf);
                List<String> values = new ArrayList<>();
                for (String value : leaf.values()) {
                    values.add(postgresValue(leaf, value));
                }
                dims.add(new Dimension("postgres", key, values, leaf.line()));
            }
        }
        if (root.has("memcached")) {
            Node mc = root.child("memcached");
            rejectUnknown(mc, MEMCACHED_KEYS.keySet());
            for (Map.Entry<String, long[]> key : MEMCACHED_KEYS.entrySet()) {
                if (mc.has(key.getKey())) {
                    List<String> values = mc.wholes(key.getKey(), key.getValue()[0], key.getValue()[1]).stream()
                            .map(String::valueOf).toList();
                    dims.add(new Dimension("memcached", key.getKey(), values, mc.line(key.getKey())));
                }
            }
        }
        if (dims.isEmpty()) {
            throw new ConfigError(file, root.line("postgres"), "postgres", "and memcached list no settings");
        }
        for (Dimension d : dims) {
            if (d.values().isEmpty()) {
                throw new ConfigError(file, d.line(), d.qualified(), "must list at least one value");
            }
            if (new HashSet<>(d.values()).size() != d.values().size()) {
                throw new ConfigError(file, d.line(), d.qualified(), "lists a value twice: " + d.values());
            }
        }
        int itemSizeLine = dims.stream().filter(d -> d.key().equals(Variant.ITEM_SIZE_MAX_KB))
                .mapToInt(Dimension::line).findFirst().orElse(root.line("memcached"));
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
            checkMemcached(mc, name, itemSizeLine);
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

    private List<Variant> named(Node root) {
        List<Node> items = root.children("variants");
        if (items.isEmpty()) {
            throw root.error("variants", "must list at least one variant");
        }
        List<Variant> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node v : items) {
            rejectUnknown(v, VARIANT_KEYS);
            Map<String, String> pg = new LinkedHashMap<>();
            if (v.has("postgres")) {
                for (Node.Leaf leaf : v.child("postgres").leaves()) {
                    String key = settingName(leaf);
                    if (leaf.list()) {
                        throw new ConfigError(file, leaf.line(), leaf.qualified(), "must be a single value, got a list "
                                + leaf.values());
                    }
                    pg.put(key, postgresValue(leaf, leaf.values().get(0)));
                }
            }
            Map<String, Integer> mc = new LinkedHashMap<>();
            if (v.has("memcached")) {
                Node o = v.child("memcached");
                rejectUnknown(o, MEMCACHED_KEYS.keySet());
                for (Map.Entry<String, long[]> key : MEMCACHED_KEYS.entrySet()) {
                    o.optLong(key.getKey(), key.getValue()[0], key.getValue()[1])
                            .ifPresent(n -> mc.put(key.getKey(), n.intValue()));
                }
            }
            String name;
            if (v.has("name")) {
                name = v.string("name");
                if (!NAME.matcher(name).matches()) {
                    throw v.error("name", "must be letters, digits and _ . , = + -, got '" + name + "'");
                }
            } else {
                List<String> parts = new ArrayList<>();
                pg.forEach((k, val) -> parts.add("postgres." + k + "=" + val));
                mc.forEach((k, val) -> parts.add("memcached." + k + "=" + val));
                name = parts.isEmpty() ? "baseline" : String.join(",", parts);
            }
            if (!names.add(name)) {
                throw v.error("name", "names a variant twice: '" + name + "'");
            }
            checkMemcached(mc, name, v.line("memcached"));
            variants.add(new Variant(name, pg, mc));
        }
        return variants;
    }

    // ---- values -------------------------------------------------------------------------------------------

    /** memcached refuses an item size above half its memory ("Cannot set item size limit higher than 1/2"). */
    private void checkMemcached(Map<String, Integer> mc, String variant, int line) {
        Integer itemKb = mc.get(Variant.ITEM_SIZE_MAX_KB);
        Integer memoryMb = mc.get(Variant.MEMORY_MB);
        if (itemKb != null && memoryMb != null && (long) itemKb * 2 > (long) memoryMb * 1024) {
            throw new ConfigError(file, line, "memcached." + Variant.ITEM_SIZE_MAX_KB, "is " + itemKb
                    + " KB in variant '" + variant + "', more than half of its memory-mb " + memoryMb
                    + " (memcached refuses to start); use at most " + memoryMb * 512 + " KB");
        }
    }

    private String settingName(Node.Leaf leaf) {
        String key = leaf.name();
        if (!SETTING.matcher(key).matches()) {
            throw new ConfigError(file, leaf.line(), leaf.qualified(),
                    "is not a PostgreSQL setting name (lower case, e.g. shared_buffers)");
        }
        if (NOT_TUNABLE.contains(key)) {
            throw new ConfigError(file, leaf.line(), leaf.qualified(), "is managed by the harness and cannot be tuned");
        }
        return key;
    }

    private String postgresValue(Node.Leaf leaf, String raw) {
        String value = raw.trim();
        if (value.isEmpty() || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new ConfigError(file, leaf.line(), leaf.qualified(), "must be a non-empty one-line value");
        }
        return value;
    }

    /** Unknown keys first, before any value is judged: a typo names itself rather than a key it left missing. */
    private static void rejectUnknown(Node node, Set<String> known) {
        for (String key : new java.util.TreeSet<>(known)) {
            node.has(key);
        }
        node.rejectUnknown();
    }
}
