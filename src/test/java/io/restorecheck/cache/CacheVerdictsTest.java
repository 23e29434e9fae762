package io.restorecheck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.CacheSection;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheVerdictsTest {
    private static final CacheSection CONFIG = new CacheSection(List.of("127.0.0.1:1", "127.0.0.1:2"), 0.8, 0,
            Duration.ofSeconds(2));

    private static ServerStats stats(long hits, long misses, long evictions) {
        return new ServerStats(hits, misses, evictions, 10, 1000, 64 << 20, 3);
    }

    private static CacheSampler.Sample sample(Reading... readings) {
        return new CacheSampler.Sample(0, "load", List.of(readings));
    }

    @Test
    void hitRatioIsDeltaHitsOverDeltaGets() {
        StatsDelta d = StatsDelta.between(stats(100, 50, 0), stats(190, 60, 2));
        assertEquals(90, d.hits());
        assertEquals(10, d.misses());
        assertEquals(0.9, d.hitRatio().getAsDouble(), 1e-12);
        assertEquals(2, d.evictions());
    }

    @Test
    void noGetsMeansNoHitRatio() {
        assertTrue(StatsDelta.between(stats(5, 5, 0), stats(5, 5, 0)).hitRatio().isEmpty());
    }

    @Test
    void aRestartedServerCountsFromZero() {
        StatsDelta d = StatsDelta.between(stats(1000, 1000, 0), stats(30, 10, 0));
        assertEquals(30, d.hits());
        assertEquals(10, d.misses());
    }

    @Test
    void healthyServersPassAllThree() {
        CacheVerdicts v = new CacheVerdicts(CONFIG,
                sample(Reading.of("127.0.0.1:1", stats(0, 0, 0)), Reading.of("127.0.0.1:2", stats(10, 0, 0))),
                sample(Reading.of("127.0.0.1:1", stats(450, 50, 0)), Reading.of("127.0.0.1:2", stats(460, 50, 0))),
                1000);
        assertEquals(CheckStatus.PASSED, v.used().status(), v.used().message());
        assertEquals(0.9, (double) v.hitRatio().measured(), 1e-9);
        assertEquals(CheckStatus.PASSED, v.hitRatio().status());
        assertEquals(CheckStatus.PASSED, v.evictions().status());
    }

    @Test
    void aServerWithoutGetsFailsCacheUsedNamingIt() {
        CacheVerdicts v = new CacheVerdicts(CONFIG,
                sample(Reading.of("127.0.0.1:1", stats(0, 0, 0)), Reading.of("127.0.0.1:2", stats(7, 3, 0))),
                sample(Reading.of("127.0.0.1:1", stats(0, 0, 0)), Reading.of("127.0.0.1:2", stats(7, 3, 0))), 500);
        CheckResult used = v.used();
        assertEquals(CheckStatus.FAILED, used.status());
        assertTrue(used.message().startsWith("memcached 127.0.0.1:1, 127.0.0.1:2 saw no get during the load of 500"),
                used.message());
        assertEquals(CheckStatus.FAILED, v.hitRatio().status());
    }

    @Test
    void lowHitRatioAndEvictionsFail() {
        CacheVerdicts v = new CacheVerdicts(CONFIG,
                sample(Reading.of("127.0.0.1:1", stats(0, 0, 0)), Reading.of("127.0.0.1:2", stats(0, 0, 0))),
                sample(Reading.of("127.0.0.1:1", stats(50, 50, 3)), Reading.of("127.0.0.1:2", stats(50, 50, 0))), 200);
        assertEquals(CheckStatus.FAILED, v.hitRatio().status());
        assertEquals(0.5, (double) v.hitRatio().measured(), 1e-9);
        assertEquals(CheckStatus.FAILED, v.evictions().status());
        assertEquals(3L, v.evictions().measured());
        assertTrue(v.evictions().message().contains("127.0.0.1:1: 50 hits, 50 misses, 3 evictions"));
    }

    @Test
    void unreachableServerFailsEveryCheckWithItsAddress() {
        CacheVerdicts v = new CacheVerdicts(CONFIG,
                sample(Reading.of("127.0.0.1:1", stats(0, 0, 0)),
                        Reading.unreachable("127.0.0.1:2", "memcached 127.0.0.1:2 is unreachable: Connection refused")),
                sample(Reading.of("127.0.0.1:1", stats(90, 10, 0)),
                        Reading.unreachable("127.0.0.1:2", "memcached 127.0.0.1:2 is unreachable: Connection refused")),
                100);
        for (CheckResult c : List.of(v.used(), v.hitRatio(), v.evictions())) {
            assertEquals(CheckStatus.FAILED, c.status(), c.id());
            assertTrue(c.message().contains("memcached 127.0.0.1:2 is unreachable: Connection refused"), c.message());
        }
    }

    @Test
    void seriesHasWindowHitRatiosBetweenSamples() {
        List<CacheSampler.Sample> samples = List.of(
                new CacheSampler.Sample(0, "before", List.of(Reading.of("a:1", stats(0, 0, 0)))),
                new CacheSampler.Sample(2, "load", List.of(Reading.of("a:1", stats(80, 20, 0)))),
                new CacheSampler.Sample(4, "load", List.of(Reading.unreachable("a:1", "down"))));
        var rows = CacheSampler.series(samples);
        assertEquals(0.8, rows.get(1).get("window_hit_ratio"));
        assertEquals(100L, rows.get(1).get("window_gets"));
        assertEquals(List.of("a:1"), rows.get(2).get("unreachable"));
    }
}
