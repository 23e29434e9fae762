package io.restorecheck.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupSourceTest {
    @TempDir
    Path dir;

    private Path backup(String name, String marker, Instant modified) throws Exception {
        Path b = Files.createDirectories(dir.resolve(name));
        Files.writeString(b.resolve(marker), "15\n");
        Files.setLastModifiedTime(b, FileTime.from(modified));
        return b;
    }

    @Test
    void aFolderOfBackupsYieldsTheNewestPlainOrTar() throws Exception {
        backup("20261201", "PG_VERSION", Instant.parse("2026-12-01T02:00:00Z"));
        Path newest = backup("20261203", "base.tar.gz", Instant.parse("2026-12-03T02:00:00Z"));
        backup("20261202", "PG_VERSION", Instant.parse("2026-12-02T02:00:00Z"));
        Files.createDirectories(dir.resolve("not-a-backup"));
        assertEquals(newest, BackupSource.newest(dir));
        assertEquals(newest, BackupSource.newest(newest), "a backup itself is used as it is");
    }

    @Test
    void aFolderWithoutBackupsIsARestoreFailureSayingWhatWasExpected() {
        DrillFailure e = assertThrows(DrillFailure.class, () -> BackupSource.newest(dir));
        assertTrue(e.getMessage().contains("PG_VERSION or base.tar"), e.getMessage());
    }

    @Test
    void backupLabelStartTimeIsTheFallbackRecoveryPoint() throws Exception {
        Files.writeString(dir.resolve("backup_label"), "START WAL LOCATION: 0/3000028 (file 000000010000000000000003)\n"
                + "START TIME: 2026-12-05 17:01:44 UTC\nLABEL: x\n");
        assertEquals(Instant.parse("2026-12-05T17:01:44Z"), BackupSource.backupStart(dir).orElseThrow());
    }
}
