package io.restorecheck.tune;

import java.util.List;

/**
 * Where a measurement sends its load: the site's base URL, its page paths (most popular first, as the load
 * package's page list samples them) and the memcached servers whose stats give the hit ratio and evictions
 * (empty: the site has no cache).
 */
public record Target(String site, List<String> paths, List<String> cacheServers) {
    public Target {
        paths = List.copyOf(paths);
        cacheServers = List.copyOf(cacheServers);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no pages to request on " + site);
        }
    }
}
