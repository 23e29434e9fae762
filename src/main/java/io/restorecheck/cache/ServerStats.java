package io.restorecheck.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/** The counters of one memcached {@code stats} answer the checks use. Counters only grow; gauges do not. */
public record ServerStats(long getHits, long getMisses, long evictions, long currItems, long bytes,
                          long limitMaxbytes, long currConnections) {
    /** From the name/value pairs memcached answers to {@code stats} (missing values read as 0). */
    public static ServerStats from(Map<String, String> stats) {
        return new ServerStats(number(stats, "get_hits"), number(stats, "get_misses"), number(stats, "evictions"),
                number(stats, "curr_items"), number(stats, "bytes"), number(stats, "limit_maxbytes"),
                number(stats, "curr_connections"));
    }

    public long gets() {
        return getHits + getMisses;
    }

    private static long number(Map<String, String> stats, String key) {
        String v = stats.get(key);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("get_hits", getHits);
        m.put("get_misses", getMisses);
        m.put("evictions", evictions);
        m.put("curr_items", currItems);
        m.put("bytes", bytes);
        m.put("curr_connections", currConnections);
        return m;
    }
}
