package io.restorecheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeConfigTest {
    private static final String BASE = """
            site     { base-url = "http://127.0.0.1:8080" }
            database { url = "jdbc:postgresql://127.0.0.1:5433/wiki", user = wiki }
            """;

    @TempDir
    Path dir;

    private SiteConfig load(String smoke) throws Exception {
        return SiteConfigLoader.load(Files.writeString(dir.resolve("site.conf"), BASE + smoke));
    }

    @Test
    void withoutASmokeSectionTheDefaultsApply() throws Exception {
        SmokeSection s = load("").smoke();
        assertEquals(List.of(), s.services());
        assertFalse(s.standby());
        assertEquals(Duration.ofMinutes(5), s.maxArchiveDelay());
        assertEquals(Duration.ofSeconds(5), s.probeTimeout());
    }

    @Test
    void servicesStandbyAndDurationsAreRead() throws Exception {
        SmokeSection s = load("smoke { services = [memcached, \"postgresql@15-main.service\", apache2], "
                + "standby = true, max-archive-delay = 2m, probe-timeout = 800ms }\n").smoke();
        assertEquals(List.of("memcached", "postgresql@15-main.service", "apache2"), s.services());
        assertTrue(s.standby());
        assertEquals(Duration.ofMinutes(2), s.maxArchiveDelay());
        assertEquals(Duration.ofMillis(800), s.probeTimeout());
    }

    @Test
    void badValuesNameTheKeyTheFileAndTheLine() {
        ConfigError unit = assertThrows(ConfigError.class, () -> load("smoke {\n  services = [\"memcached; reboot\"]\n}\n"));
        assertEquals("smoke.services", unit.key());
        assertEquals(4, unit.line());
        assertTrue(unit.getMessage().contains("site.conf:4") && unit.getMessage().contains("memcached; reboot"),
                unit.getMessage());

        ConfigError standby = assertThrows(ConfigError.class, () -> load("smoke { standby = maybe }\n"));
        assertEquals("smoke.standby", standby.key());
        assertEquals(3, standby.line());

        ConfigError typo = assertThrows(ConfigError.class, () -> load("smoke {\n  service = [memcached]\n}\n"));
        assertEquals("smoke.service", typo.key());
        assertEquals(4, typo.line());

        ConfigError timeout = assertThrows(ConfigError.class, () -> load("smoke { probe-timeout = 10ms }\n"));
        assertEquals("smoke.probe-timeout", timeout.key());
    }
}
