package io.restorecheck.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restorecheck.lab.MemcachedOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabMeasurementTest {
    @Test
    void variantSettingsOverrideTheLabDefaultsAndASmallMemoryGetsAnItemSizeMemcachedAccepts() {
        assertEquals(new MemcachedOptions(1, 4, 1024, 512),
                LabMeasurement.memcachedOptions(new Variant("small", Map.of(), Map.of(Variant.MEMORY_MB, 1))));
        assertEquals(new MemcachedOptions(64, 2, 100, 256), LabMeasurement.memcachedOptions(new Variant("x",
                Map.of(), Map.of(Variant.THREADS, 2, Variant.MAX_CONNECTIONS, 100, Variant.ITEM_SIZE_MAX_KB, 256))));
        assertEquals(MemcachedOptions.defaults(), LabMeasurement.memcachedOptions(new Variant("pg-only",
                Map.of("work_mem", "8MB"), Map.of())));
    }
}
