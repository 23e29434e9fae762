package io.restorecheck.config;

import java.time.Duration;
import java.util.List;

/**
 * The memcached servers the site uses ({@code host:port}), what counts as "really used", and how often
 * {@code stats} is sampled during the load.
 */
public record CacheSection(List<String> servers, double minHitRatio, long maxEvictions, Duration sampleInterval) {
    public CacheSection {
        servers = List.copyOf(servers);
    }
}
