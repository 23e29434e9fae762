package io.restorecheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real schemas in the integrity section: qualified and quoted names, optional timestamps, settings lists. */
class IntegrityConfigTest {
    @TempDir
    Path dir;

    private IntegritySection load(String integrityBody) throws IOException {
        Path f = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:8080" }
                database { url = "jdbc:postgresql://127.0.0.1:5433/wiki?currentSchema=mediawiki", user = wiki }
                integrity {
                  wal-archive = /srv/wal-archive
                %s
                }
                """.formatted(integrityBody));
        return SiteConfigLoader.load(f).integrity().orElseThrow();
    }

    @Test
    void schemaQualifiedAndQuotedNamesLoadAndTimestampIsOptional() throws IOException {
        IntegritySection s = load("""
                  tables = [
                    { name = mediawiki.page, key = [page_id], timestamp = "to_timestamp(page_touched, 'YYYYMMDDHH24MISS')" }
                    { name = "mediawiki.\\"Text Store\\"", key = [old_id] }
                    { name = "\\"MixedCase\\"", key = [id], timestamp = "" }
                  ]
                """);
        assertEquals("mediawiki.page", s.tables().get(0).name());
        assertTrue(s.tables().get(0).timestamp().isPresent());
        assertEquals("mediawiki.\"Text Store\"", s.tables().get(1).name());
        assertEquals(Optional.empty(), s.tables().get(1).timestamp());
        assertEquals(Optional.empty(), s.tables().get(2).timestamp());
    }

    @Test
    void aNameSqlCouldNotParseIsAConfigErrorNamingTheKey() {
        for (String bad : new String[] {"a.b.c", "\"unclosed", "1abc", "a b", "a.", "\"\""}) {
            ConfigError e = assertThrows(ConfigError.class, () -> load("tables = [{ name = \"" + bad.replace("\"",
                    "\\\"") + "\", key = [id] }]"));
            assertTrue(e.getMessage().contains("name") && e.getMessage().contains("schema.table"), e.getMessage());
        }
    }

    @Test
    void tableNamesFoldAsSqlDoes() {
        assertEquals("\"MW\".\"Page\"", TableName.exactCase("MW.Page"));
        assertEquals("\"mw\".\"Te\"\"xt\"", TableName.exactCase("mw.\"Te\"\"xt\""));
        assertEquals("Te\"xt", TableName.relation("mw.\"Te\"\"xt\""));
        assertTrue(TableName.isQualified("mw.page"));
        assertFalse(TableName.isQualified("\"mw.page\""));
    }

    @Test
    void compareWorkersDefaultToTheServerAndABadValueNamesKeyFileAndLine() throws IOException {
        assertTrue(load("tables = [{ name = t, key = [id] }]").compareWorkers().isEmpty());
        assertEquals(4, load("""
                  tables = [{ name = t, key = [id] }]
                  compare-workers = 4
                """).compareWorkers().getAsInt());
        for (String bad : new String[] {"0", "65", "many"}) {
            ConfigError e = assertThrows(ConfigError.class, () -> load("""
                      tables = [{ name = t, key = [id] }]
                      compare-workers = %s
                    """.formatted(bad)));
            assertTrue(e.getMessage().contains("integrity.compare-workers") && e.getMessage().contains("site.conf"),
                    e.getMessage());
            assertEquals(6, e.line(), e.getMessage());
        }
    }

    @Test
    void ignoreSettingsAddExtendsTheDefaultsWithoutRepeatingThem() throws IOException {
        IntegritySection s = load("""
                  tables = [{ name = t, key = [id] }]
                  ignore-settings-add = [shared_buffers, Work_Mem]
                """);
        assertTrue(s.ignoreSettings().containsAll(IntegritySection.DEFAULT_IGNORED_SETTINGS));
        assertTrue(s.ignoreSettings().contains("shared_buffers") && s.ignoreSettings().contains("work_mem"));
        IntegritySection replaced = load("""
                  tables = [{ name = t, key = [id] }]
                  ignore-settings = [port]
                  ignore-settings-add = [work_mem]
                """);
        assertEquals(java.util.List.of("port", "work_mem"), replaced.ignoreSettings());
    }

    @Test
    void maxDataLossRemembersWhetherItWasStated() throws IOException {
        IntegritySection unstated = load("tables = [{ name = t, key = [id] }]");
        assertFalse(unstated.maxDataLossStated());
        assertEquals(IntegritySection.FALLBACK_MAX_DATA_LOSS, unstated.maxDataLoss());
        IntegritySection stated = load("tables = [{ name = t, key = [id] }]\n  max-data-loss = 30s");
        assertTrue(stated.maxDataLossStated());
        assertEquals(Duration.ofSeconds(30), stated.maxDataLoss());
    }
}
