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

class DrillConfigTest {
    private static final String HEAD = """
            site     { base-url = "http://127.0.0.1:8080" }
            database { url = "jdbc:postgresql://127.0.0.1:5432/wiki", user = wiki }
            """;

    @TempDir
    Path dir;

    private SiteConfig load(String drill) throws IOException {
        return SiteConfigLoader.load(Files.writeString(dir.resolve("site.conf"), HEAD + drill));
    }

    /** The problem reported for {@code key} (the loader reports every problem at once). */
    private ConfigError error(String drill, String key) {
        ConfigError all = assertThrows(ConfigError.class, () -> load(drill));
        return all.problems().stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem with " + key + " in: " + all.getMessage()));
    }

    @Test
    void pgbackrestStyleSectionLoads() throws IOException {
        DrillSection d = load("""
                drill {
                  fetch-command = "pgbackrest --stanza=main --pg1-path=%d restore"
                  restore-command = "pgbackrest --stanza=main --pg1-path=%d archive-get %f \\"%p\\""
                  tables = [ { name = allPages, key = [name, editTime], timestamp = "to_timestamp(editTime)",
                               append-only = true } ]
                  max-restore-time = 45m
                  max-data-loss = 90s
                  amcheck { relations = [allPages, public.curPages], max-time = 5m, heapallindexed = false }
                }
                """).drill().orElseThrow();
        assertTrue(d.baseBackup().isEmpty());
        assertTrue(d.walArchive().isEmpty());
        assertTrue(d.tables().get(0).appendOnly());
        assertEquals(Duration.ofMinutes(45), d.maxRestoreTime());
        assertEquals(Duration.ofSeconds(90), d.maxDataLoss());
        assertEquals(List.of("allPages", "public.curPages"), d.amcheck().relations());
        assertFalse(d.amcheck().heapAllIndexed());
    }

    @Test
    void archiveTablesAndDataLossDefaultToTheIntegritySection() throws IOException {
        DrillSection d = load("""
                integrity {
                  wal-archive = /srv/wal
                  tables = [ { name = curPages, key = [name], timestamp = "to_timestamp(editTime)" } ]
                  max-data-loss = 2m
                }
                drill { base-backup = /srv/base }
                """).drill().orElseThrow();
        assertEquals(Path.of("/srv/wal"), d.walArchive().orElseThrow());
        assertEquals("curPages", d.tables().get(0).spec().name());
        assertFalse(d.tables().get(0).appendOnly(), "tables taken from integrity are judged as mutable");
        assertEquals(Duration.ofMinutes(2), d.maxDataLoss());
        assertEquals(Duration.ofMinutes(30), d.maxRestoreTime());
        assertTrue(d.amcheck().enabled());
    }

    @Test
    void bothBackupSourcesAreAnErrorNamingKeyFileAndLine() {
        ConfigError e = error("""
                drill {
                  base-backup = /srv/base
                  fetch-command = "pgbackrest restore --pg1-path=%d"
                  wal-archive = /srv/wal
                }
                """, "drill.fetch-command");
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("site.conf:5"), e.getMessage());
    }

    @Test
    void fetchCommandWithoutTheFolderPlaceholderIsAnError() {
        ConfigError e = error("drill {\n fetch-command = \"pgbackrest restore\"\n wal-archive = /srv/wal\n}\n",
                "drill.fetch-command");
        assertTrue(e.getMessage().contains("%d"), e.getMessage());
    }

    @Test
    void restoreCommandNeedsSegmentAndTarget() {
        ConfigError e = error("drill {\n base-backup = /b\n restore-command = \"pgbackrest archive-get %f\"\n}\n",
                "drill.restore-command");
        assertEquals(5, e.line());
    }

    @Test
    void noArchiveAtAllIsAnError() {
        error("drill { base-backup = /b }\n", "drill.wal-archive");
    }

    @Test
    void unknownKeyAndZeroBudgetAreErrors() {
        error("drill { base-backup = /b, wal-archive = /w, max-restore-tim = 5m }\n", "drill.max-restore-tim");
        error("drill { base-backup = /b, wal-archive = /w, max-restore-time = 0s }\n", "drill.max-restore-time");
        error("drill { base-backup = /b, wal-archive = /w, amcheck { relations = [\"x; drop\"] } }\n",
                "drill.amcheck.relations");
    }
}
