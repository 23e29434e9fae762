package io.restorecheck.tune;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingValuesTest {
    @Test
    void sameValueInOtherUnitsOrSpellingsMatches() {
        assertTrue(SettingValues.same("128MB", "128MB", "16384", "8kB"));
        assertTrue(SettingValues.same("131072kB", "128MB", "16384", "8kB"));
        assertTrue(SettingValues.same("16384", "128MB", "16384", "8kB"));
        assertTrue(SettingValues.same("1GB", "1GB", "131072", "8kB"));
        assertTrue(SettingValues.same("60s", "1min", "60", "s"));
        assertTrue(SettingValues.same("yes", "on", "on", null));
        assertTrue(SettingValues.same("1.1", "1.1", "1.1", null));
        assertTrue(SettingValues.same("Off", "off", "off", null));
    }

    @Test
    void differentValuesDoNotMatch() {
        assertFalse(SettingValues.same("128MB", "16MB", "2048", "8kB"));
        assertFalse(SettingValues.same("1MB", "1s", "1", "s"));
        assertFalse(SettingValues.same("on", "off", "off", null));
        assertFalse(SettingValues.same("4", "1.1", "1.1", null));
    }

    @Test
    void applyCommandGetsOneVariablePerSetting() {
        Variant v = new Variant("big", Map.of("shared_buffers", "128MB"), Map.of("memory-mb", 64));
        Map<String, String> env = ApplyMeasurement.environment(v, 1, Path.of("/tmp/v.json"));

        org.junit.jupiter.api.Assertions.assertEquals(Map.of("RESTORECHECK_VARIANT", "big", "RESTORECHECK_REPEAT", "2",
                "RESTORECHECK_VARIANT_FILE", "/tmp/v.json", "RESTORECHECK_PG_SHARED_BUFFERS", "128MB",
                "RESTORECHECK_MEMCACHED_MEMORY_MB", "64"), env);
    }
}
