package io.restorecheck.tune;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.utils.AddrUtil;

/**
 * Reads memcached's {@code stats} and {@code stats settings} through xmemcached, one short-lived client per
 * call (the servers may have been restarted in between). Read-only: never sets, deletes or flushes.
 */
final class MemcachedStats {
    private static final long TIMEOUT_MS = 3_000;

    /** Counters summed over the servers; they only grow, so a measurement uses the difference of two readings. */
    record Counters(long getHits, long getMisses, long evictions) {
        Counters minus(Counters before) {
            return new Counters(getHits - before.getHits, getMisses - before.getMisses,
                    evictions - before.evictions);
        }

        double hitRatio() {
            long gets = getHits + getMisses;
            return gets == 0 ? Double.NaN : (double) getHits / gets;
        }
    }

    private MemcachedStats() {
    }

    /** {@code stats settings} of one server ({@code host:port}): maxbytes, maxconns, num_threads, item_size_max. */
    static Map<String, String> settings(String server) {
        return item(server, "settings");
    }

    static Counters counters(List<String> servers) {
        long hits = 0;
        long misses = 0;
        long evictions = 0;
        for (String server : servers) {
            Map<String, String> stats = item(server, null);
            hits += number(stats, "get_hits", server);
            misses += number(stats, "get_misses", server);
            evictions += number(stats, "evictions", server);
        }
        return new Counters(hits, misses, evictions);
    }

    private static long number(Map<String, String> stats, String key, String server) {
        String v = stats.get(key);
        if (v == null) {
            throw new IllegalStateException("memcached " + server + " stats lack '" + key + "'");
        }
        return Long.parseLong(v.trim());
    }

    private static Map<String, String> item(String server, String item) {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(AddrUtil.getAddresses(server));
        builder.setConnectTimeout(TIMEOUT_MS);
        builder.setOpTimeout(TIMEOUT_MS);
        MemcachedClient client = null;
        try {
            client = builder.build();
            Map<InetSocketAddress, Map<String, String>> all = item == null ? client.getStats(TIMEOUT_MS)
                    : client.getStatsByItem(item, TIMEOUT_MS);
            if (all == null || all.isEmpty()) {
                throw new IllegalStateException("memcached " + server + " answered no stats"
                        + (item == null ? "" : " " + item));
            }
            return new LinkedHashMap<>(all.values().iterator().next());
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to memcached " + server + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading memcached " + server + " stats", e);
        } catch (Exception e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("memcached " + server + " stats" + (item == null ? "" : " " + item)
                    + " failed: " + e, e);
        } finally {
            if (client != null) {
                try {
                    client.shutdown();
                } catch (IOException ignored) {
                    // Nothing to do: the client only read stats.
                }
            }
        }
    }
}
