package io.restorecheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabIT {
    @TempDir
    Path work;

    @Test
    void editsMadeAfterTheBaseBackupArePresentOnlyThroughTheArchiveAndSurviveTheRestore() throws Exception {
        Path archive = Files.createDirectories(work.resolve("archive"));
        PgBinaries bin = PgBinaries.bundled();
        PgCluster cluster = PgCluster.init(bin, work.resolve("primary"), Archiving.primarySettings(archive));
        try (PgServer primary = cluster.start("primary")) {
            primary.createDatabase("app");
            primary.execute("app", "CREATE TABLE t (id int primary key)");
            primary.execute("app", "INSERT INTO t SELECT generate_series(1, 100)");
            BaseBackup.Result backup = BaseBackup.take(primary, work.resolve("base"), "lab-it");
            assertTrue(Files.exists(backup.directory().resolve("backup_label")));
            primary.execute("app", "INSERT INTO t SELECT generate_series(101, 150)");
            Archiving.switchAndAwaitArchived(primary, Duration.ofSeconds(60));
            primary.stop(ShutdownMode.IMMEDIATE);
            assertFalse(primary.isRunning());
        }

        PgCluster restoredCluster = Restore.prepare(bin, work.resolve("base"), work.resolve("restored"),
                new Restore.Options(archive, Optional.of(work.resolve("archive-restored")), Optional.empty()));
        try (PgServer restored = Restore.startAndPromote(restoredCluster, "restored", Duration.ofMinutes(2))) {
            assertEquals("150", restored.queryString("app", "SELECT count(*) FROM t"));
            assertEquals("f", restored.queryString("postgres", "SELECT pg_is_in_recovery()"));
        }
    }

    @Test
    void restoredServerIsRefusedTheArchiveItRecoversFrom() {
        Path archive = work.resolve("archive");
        LabException e = assertThrows(LabException.class,
                () -> new Restore.Options(archive, Optional.of(archive), Optional.empty()));
        assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());
    }

    @Test
    void memcachedListensOnLoopbackAndStops() {
        Memcached mc = Memcached.start(MemcachedOptions.defaults());
        assertTrue(mc.isRunning());
        assertTrue(mc.address().startsWith("127.0.0.1:"));
        mc.close();
        assertFalse(mc.isRunning());
    }
}
