package io.restorecheck.config;

import java.util.List;

/** The memcached servers the site uses ({@code host:port}) and what counts as "really used". */
public record CacheSection(List<String> servers, double minHitRatio, long maxEvictions) {
    public CacheSection {
        servers = List.copyOf(servers);
    }
}
