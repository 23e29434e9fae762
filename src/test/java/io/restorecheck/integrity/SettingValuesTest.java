package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.integrity.SettingValues.Actual;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingValuesTest {
    @Test
    void memoryIsComparedInTheSettingsOwnUnitIncludingEightKilobyteBlocks() {
        assertTrue(SettingValues.matches("64MB", new Actual("8192", "8kB", "integer")));
        assertTrue(SettingValues.matches("8192", new Actual("8192", "8kB", "integer")));
        assertTrue(SettingValues.matches("1GB", new Actual("1048576", "kB", "integer")));
        assertTrue(SettingValues.matches("'512MB'".replace("'", ""), new Actual("65536", "8kB", "integer")));
        assertFalse(SettingValues.matches("64MB", new Actual("16384", "8kB", "integer")));
        assertEquals(Optional.of(8192.0), SettingValues.inUnit("64MB", "8kB"));
    }

    @Test
    void timeUnitsConvertAndIntegerSettingsRound() {
        assertTrue(SettingValues.matches("5min", new Actual("300", "s", "integer")));
        assertTrue(SettingValues.matches("1h", new Actual("60", "min", "integer")));
        assertTrue(SettingValues.matches("200ms", new Actual("200", "ms", "integer")));
        assertTrue(SettingValues.matches("1500ms", new Actual("2", "s", "integer")));
        assertFalse(SettingValues.matches("30s", new Actual("60", "s", "integer")));
        assertTrue(SettingValues.matches("2ms", new Actual("2", "ms", "real")));
        assertEquals(Optional.empty(), SettingValues.inUnit("64MB", "ms"));
    }

    @Test
    void booleansEnumsRealsAndStringsCompareAsTheServerReadsThem() {
        assertTrue(SettingValues.matches("yes", new Actual("on", null, "bool")));
        assertTrue(SettingValues.matches("of", new Actual("off", null, "bool")));
        assertTrue(SettingValues.matches("0", new Actual("off", null, "bool")));
        assertFalse(SettingValues.matches("on", new Actual("off", null, "bool")));
        assertTrue(SettingValues.matches("Replica", new Actual("replica", null, "enum")));
        assertTrue(SettingValues.matches("1.10", new Actual("1.1", null, "real")));
        assertTrue(SettingValues.matches("iso,mdy", new Actual("ISO, MDY", null, "string")));
        assertFalse(SettingValues.matches("iso, dmy", new Actual("ISO, MDY", null, "string")));
        assertTrue(SettingValues.matches("\"$user\",public", new Actual("\"$user\", public", null, "string")));
        assertTrue(SettingValues.matches("-1", new Actual("-1", "kB", "integer")));
    }

    @Test
    void valuesAreShownInTheLargestWholeUnit() {
        assertEquals("64MB", SettingValues.human(8192, "8kB"));
        assertEquals("4GB", SettingValues.human(524288, "8kB"));
        assertEquals("5min", SettingValues.human(300, "s"));
        assertEquals("0", SettingValues.human(0, "ms"));
        assertEquals("-1kB", SettingValues.human(-1, "kB"));
    }

    @Test
    void driftListsEachDifferenceAndIgnoresHostSpecificSettings() {
        java.nio.file.Path f = java.nio.file.Path.of("/old/postgresql.conf");
        Map<String, PostgresConf.Entry> expected = PostgresConf.parse("""
                port = 5432
                shared_buffers = 64MB
                work_mem = 8MB
                my.custom = 1
                """, f);
        Map<String, Actual> actual = Map.of("port", new Actual("6543", null, "integer"),
                "shared_buffers", new Actual("16384", "8kB", "integer"),
                "work_mem", new Actual("8192", "kB", "integer"));
        List<SettingsDrift.Difference> d = SettingsDrift.compare(expected, actual, Set.of("port"));
        assertEquals(2, d.size());
        assertEquals("shared_buffers: expected 64MB (/old/postgresql.conf:2), restored 128MB", d.get(0).toString());
        assertEquals("my.custom", d.get(1).name());
    }

    @Test
    void tuneMatrixSpellingsMatchWhatTheServerHolds() {
        // The values a tune matrix asks for, against the pg_settings rows a server shows for them.
        assertTrue(SettingValues.matches("128MB", new Actual("16384", "8kB", "integer")));
        assertTrue(SettingValues.matches("131072kB", new Actual("16384", "8kB", "integer")));
        assertTrue(SettingValues.matches("16384", new Actual("16384", "8kB", "integer")));
        assertTrue(SettingValues.matches("1GB", new Actual("131072", "8kB", "integer")));
        assertTrue(SettingValues.matches("60s", new Actual("60", "s", "integer")));
        assertTrue(SettingValues.matches("1min", new Actual("60", "s", "integer")));
        assertTrue(SettingValues.matches("yes", new Actual("on", null, "bool")));
        assertTrue(SettingValues.matches("Off", new Actual("off", null, "bool")));
        assertTrue(SettingValues.matches("1.1", new Actual("1.1", null, "real")));
        assertFalse(SettingValues.matches("128MB", new Actual("2048", "8kB", "integer")));
        assertFalse(SettingValues.matches("1MB", new Actual("1", "s", "integer")));
        assertFalse(SettingValues.matches("on", new Actual("off", null, "bool")));
        assertFalse(SettingValues.matches("4", new Actual("1.1", null, "real")));
    }

    @Test
    void unitsAreCaseSensitiveAsInTheServer() {
        // PostgreSQL rejects "128mb" ("Valid units for this parameter are B, kB, MB, GB, and TB"): it never took.
        assertFalse(SettingValues.matches("128mb", new Actual("16384", "8kB", "integer")));
        assertFalse(SettingValues.matches("60S", new Actual("60", "s", "integer")));
    }
}
