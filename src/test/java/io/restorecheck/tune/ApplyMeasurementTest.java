package io.restorecheck.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyMeasurementTest {
    @Test
    void applyCommandGetsOneVariablePerSetting() {
        Variant v = new Variant("big", Map.of("shared_buffers", "128MB"), Map.of("memory-mb", 64));
        Map<String, String> env = ApplyMeasurement.environment(v, 1, Path.of("/tmp/v.json"));

        assertEquals(Map.of("RESTORECHECK_VARIANT", "big", "RESTORECHECK_REPEAT", "2",
                "RESTORECHECK_VARIANT_FILE", "/tmp/v.json", "RESTORECHECK_PG_SHARED_BUFFERS", "128MB",
                "RESTORECHECK_MEMCACHED_MEMORY_MB", "64"), env);
    }
}
