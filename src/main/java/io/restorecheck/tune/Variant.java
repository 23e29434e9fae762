package io.restorecheck.tune;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One combination of settings to measure: PostgreSQL settings by name ({@code shared_buffers -> 128MB}) and
 * memcached settings by matrix key ({@code memory-mb -> 64}); settings a variant does not name are left as the
 * stack has them.
 */
public record Variant(String name, Map<String, String> postgres, Map<String, Integer> memcached) {
    public static final String MEMORY_MB = "memory-mb";
    public static final String THREADS = "threads";
    public static final String MAX_CONNECTIONS = "max-connections";
    public static final String ITEM_SIZE_MAX_KB = "item-size-max-kb";

    public Variant {
        postgres = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(postgres));
        memcached = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(memcached));
    }

    /** Every setting under its qualified name ({@code postgres.shared_buffers}, {@code memcached.memory-mb}). */
    public Map<String, String> settings() {
        Map<String, String> all = new LinkedHashMap<>();
        postgres.forEach((k, v) -> all.put("postgres." + k, v));
        memcached.forEach((k, v) -> all.put("memcached." + k, Integer.toString(v)));
        return all;
    }

    @Override
    public String toString() {
        return name;
    }
}
