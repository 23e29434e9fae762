package io.restorecheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteConfigLoaderTest {
    private static final String GOOD = """
            site     { base-url = "http://127.0.0.1:8080", page-path = "/{name}" }
            database { url = "jdbc:postgresql://127.0.0.1:5433/wiki", user = wiki, password = ${?RC_TEST_UNSET_PASSWORD} }
            integrity {
              wal-archive = /srv/wal-archive
              base-backup = /srv/base
              tables = [
                { name = allPages, key = [name, editTime], timestamp = "to_timestamp(editTime)" }
                { name = curPages, key = [name],           timestamp = "to_timestamp(editTime)" }
              ]
            }
            pages { list-query = "SELECT propercased_name AS title, text FROM curPages", sample = 500 }
            cache { servers = ["127.0.0.1:11211"], min-hit-ratio = 0.90, max-evictions = 0 }
            load  { simulation = WikiBrowse, duration = 60s, arrival-rate = 200, min-throughput = 150,
                    max-p95 = 250ms, max-error-ratio = 0.01 }
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("site.conf"), text);
    }

    @Test
    void designSketchLoadsIntoRecords() throws IOException {
        SiteConfig c = SiteConfigLoader.load(write(GOOD));
        assertEquals("wiki", c.database().user());
        assertTrue(c.database().password().isEmpty());
        assertEquals(List.of("name", "editTime"), c.integrity().orElseThrow().tables().get(0).key());
        assertEquals(Duration.ofMillis(250), c.load().orElseThrow().maxP95());
        assertEquals(0.9, c.cache().orElseThrow().minHitRatio());
        assertEquals("http://127.0.0.1:8080/Main_Page", c.site().pageUrl("Main Page").toString());
    }

    @Test
    void loadAndCacheDefaultsAndExtraKeys() throws IOException {
        LoadSection defaults = SiteConfigLoader.load(write(GOOD)).load().orElseThrow();
        assertTrue(defaults.warmUp());
        assertEquals(1000.0, defaults.maxRatePerSec());
        assertEquals(5, defaults.rampSteps());
        assertEquals(List.of(), defaults.alsoVisit());
        assertEquals(0.0, defaults.alsoVisitShare());
        assertEquals(Duration.ofSeconds(2), SiteConfigLoader.load(write(GOOD)).cache().orElseThrow().sampleInterval());

        LoadSection custom = SiteConfigLoader.load(write(GOOD.replace("max-error-ratio = 0.01",
                "max-error-ratio = 0.01, simulation = com.example.MySim, warm-up = false, max-rate = 400,"
                        + " ramp-steps = 4, also-visit = [\"/Recent_Changes\"], popularity-skew = 0"))).load().orElseThrow();
        assertEquals("com.example.MySim", custom.simulation());
        assertFalse(custom.warmUp());
        assertEquals(400.0, custom.maxRatePerSec());
        assertEquals(List.of("/Recent_Changes"), custom.alsoVisit());
        assertEquals(0.05, custom.alsoVisitShare());
        assertEquals(0.0, custom.popularitySkew());
    }

    @Test
    void maxRateBelowArrivalRateAndRelativeAlsoVisitAreRefused() throws IOException {
        ConfigError e = assertThrows(ConfigError.class, () -> SiteConfigLoader.load(write(GOOD.replace(
                "max-error-ratio = 0.01", "max-error-ratio = 0.01, max-rate = 100"))));
        assertEquals("load.max-rate", e.key());
        assertTrue(e.getMessage().contains("at least arrival-rate (200.0)"), e.getMessage());
        ConfigError v = assertThrows(ConfigError.class, () -> SiteConfigLoader.load(write(GOOD.replace(
                "max-error-ratio = 0.01", "max-error-ratio = 0.01, also-visit = [Recent_Changes]"))));
        assertEquals("load.also-visit", v.key());
    }

    @Test
    void optionalSectionsMayBeLeftOut() throws IOException {
        SiteConfig c = SiteConfigLoader.load(write("""
                site { base-url = "http://127.0.0.1:8080" }
                database { url = "jdbc:postgresql://127.0.0.1:5433/wiki", user = wiki }
                """));
        assertFalse(c.cache().isPresent());
        assertEquals("/{name}", c.site().pagePath());
    }

    @Test
    void unknownKeyNamesKeyFileAndLine() throws IOException {
        Path file = write(GOOD.replace("min-hit-ratio = 0.90", "min-hit-ration = 0.90"));
        ConfigError e = assertThrows(ConfigError.class, () -> SiteConfigLoader.load(file));
        assertEquals("cache.min-hit-ration", e.key());
        assertEquals(12, e.line());
        assertTrue(e.getMessage().startsWith(file + ":12: 'cache.min-hit-ration' is not a known key"), e.getMessage());
    }

    @Test
    void wrongTypeNamesKeyAndValue() throws IOException {
        Path file = write(GOOD.replace("arrival-rate = 200", "arrival-rate = fast"));
        ConfigError e = assertThrows(ConfigError.class, () -> SiteConfigLoader.load(file));
        assertEquals("load.arrival-rate", e.key());
        assertEquals(13, e.line());
        assertTrue(e.getMessage().contains("must be a number, got \"fast\""), e.getMessage());
    }

    @Test
    void missingKeyNamesItsSection() throws IOException {
        Path file = write(GOOD.replace("user = wiki, ", ""));
        ConfigError e = assertThrows(ConfigError.class, () -> SiteConfigLoader.load(file));
        assertEquals("database.user", e.key());
        assertEquals(2, e.line());
    }

    @Test
    void badDurationAndOutOfRangeRatioAreRefused() throws IOException {
        ConfigError d = assertThrows(ConfigError.class,
                () -> SiteConfigLoader.load(write(GOOD.replace("max-p95 = 250ms", "max-p95 = soon"))));
        assertEquals("load.max-p95", d.key());
        ConfigError r = assertThrows(ConfigError.class,
                () -> SiteConfigLoader.load(write(GOOD.replace("min-hit-ratio = 0.90", "min-hit-ratio = 1.5"))));
        assertTrue(r.getMessage().contains("between 0 and 1, got 1.5"), r.getMessage());
    }

    @Test
    void compositeKeyColumnsMustBeIdentifiers() throws IOException {
        ConfigError e = assertThrows(ConfigError.class,
                () -> SiteConfigLoader.load(write(GOOD.replace("key = [name, editTime]", "key = [name, \"edit time\"]"))));
        assertEquals("integrity.tables[0].key", e.key());
        assertEquals(7, e.line());
    }

    @Test
    void syntaxErrorNamesTheLine() throws IOException {
        Path file = write(GOOD.replace("pages { list-query", "pages { { list-query"));
        ConfigError e = assertThrows(ConfigError.class, () -> SiteConfigLoader.load(file));
        assertEquals(11, e.line());
    }

    @Test
    void missingFileIsAConfigError() {
        ConfigError e = assertThrows(ConfigError.class, () -> SiteConfigLoader.load(dir.resolve("nope.conf")));
        assertTrue(e.getMessage().contains("nope.conf"));
    }

    @Test
    void passwordNeverPrints() throws IOException {
        SiteConfig c = SiteConfigLoader.load(write(GOOD.replace("${?RC_TEST_UNSET_PASSWORD}", "hunter2")));
        assertEquals("hunter2", c.database().password().reveal());
        assertFalse(c.toString().contains("hunter2"));
    }

    @Test
    void integrityIgnoreSettingsAndArchivingProbeDefaultAndParse() throws IOException {
        IntegritySection d = SiteConfigLoader.load(write(GOOD)).integrity().orElseThrow();
        assertEquals(IntegritySection.DEFAULT_IGNORED_SETTINGS, d.ignoreSettings());
        assertTrue(d.ignoreSettings().contains("port"));
        assertFalse(d.archivingProbe());
        IntegritySection c = SiteConfigLoader.load(write(GOOD.replace("base-backup = /srv/base",
                "base-backup = /srv/base\n  ignore-settings = [port, Work_Mem]\n  archiving-probe = true")))
                .integrity().orElseThrow();
        assertEquals(List.of("port", "work_mem"), c.ignoreSettings());
        assertTrue(c.archivingProbe());
        ConfigError e = assertThrows(ConfigError.class, () -> SiteConfigLoader.load(write(GOOD.replace(
                "base-backup = /srv/base", "base-backup = /srv/base\n  archiving-probe = yes-please"))));
        assertTrue(e.getMessage().contains("integrity.archiving-probe"), e.getMessage());
    }
}
