package io.restorecheck.tune;

import java.net.URI;
import java.util.List;

/**
 * Where a measurement sends its load: the site's page URLs (most popular first, see {@link PageList}) and the
 * memcached servers whose stats give the hit ratio and evictions (empty: the site has no cache).
 */
public record Target(String site, List<URI> pages, List<String> cacheServers) {
    public Target {
        pages = List.copyOf(pages);
        cacheServers = List.copyOf(cacheServers);
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no pages to request on " + site);
        }
    }
}
