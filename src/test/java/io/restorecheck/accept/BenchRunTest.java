package io.restorecheck.accept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.bench.BenchRecord;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.suites.LoadFigures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRunTest {
    @TempDir
    Path dir;

    @Test
    void unreadableSettingsAreRecordedWithTheirCauseNotDroppedSilently() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:1" }
                database { url = "jdbc:postgresql://127.0.0.1:1/x", user = x }
                """);
        Map<String, String> settings = BenchRun.pgSettings(SiteConfigLoader.load(conf));
        String why = settings.get(BenchRun.SETTINGS_ERROR);
        assertTrue(why != null && why.contains("127.0.0.1:1") && why.contains("refused"), settings.toString());
    }

    @Test
    void historyRecordComesFromTheTypedLoadFiguresWithTheCacheSettingsPerServer() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:1" }
                database { url = "jdbc:postgresql://127.0.0.1:1/x", user = x }
                """);
        LoadFigures figures = new LoadFigures(123.45, 1000, 10, 5, 40, 90, OptionalDouble.of(0.9512),
                OptionalLong.of(0), Map.of("127.0.0.1:11211", Map.of("limit_maxbytes", "67108864")), Optional.of(850.0));

        BenchRecord r = BenchRun.record(figures, SiteConfigLoader.load(conf), "run-1", "nightly");

        assertEquals(123.45, r.throughput());
        assertEquals(0.01, r.errorRatio(), 1e-12);
        assertEquals(40, r.p95Ms());
        assertEquals(0.9512, r.hitRatio());
        assertEquals(0L, r.evictions());
        assertEquals(850.0, r.capacity());
        assertEquals("{limit_maxbytes=67108864}", r.settings().get("memcached.127.0.0.1:11211"));
        assertTrue(r.settings().containsKey(BenchRun.SETTINGS_ERROR), r.settings().toString());

        BenchRecord noCache = BenchRun.record(new LoadFigures(1, 0, 0, 1, 1, 1, OptionalDouble.empty(),
                OptionalLong.empty(), Map.of(), Optional.empty()), SiteConfigLoader.load(conf), "run-2", "nightly");
        assertNull(noCache.hitRatio());
        assertNull(noCache.capacity());
        assertEquals(0, noCache.errorRatio());
    }
}
