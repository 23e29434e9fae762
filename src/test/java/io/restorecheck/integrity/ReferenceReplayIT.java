package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.BaseBackup;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.report.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A primary with an archive, a base backup (plain, and packed as pg_basebackup -Ft -z packs it), more commits. */
class ReferenceReplayIT {
    @TempDir
    static Path work;
    static Path archive;
    static Path plain;
    static Instant lastCommitBefore;

    @BeforeAll
    static void primaryBackupAndArchive() throws Exception {
        archive = Files.createDirectories(work.resolve("archive"));
        PgBinaries bin = PgBinaries.bundled();
        try (PgServer primary = PgCluster.init(bin, work.resolve("primary"), Archiving.primarySettings(archive))
                .start("primary")) {
            primary.createDatabase("app");
            primary.execute("app", "CREATE TABLE t (id int PRIMARY KEY, at timestamptz DEFAULT clock_timestamp())");
            primary.execute("app", "INSERT INTO t (id) SELECT generate_series(1, 1000)");
            plain = BaseBackup.take(primary, work.resolve("base-plain"), "it").directory();
            primary.execute("app", "INSERT INTO t (id) SELECT generate_series(1001, 1500)");
            lastCommitBefore = Instant.now();
            Archiving.switchAndAwaitArchived(primary, Duration.ofSeconds(60));
            primary.stop(ShutdownMode.IMMEDIATE);
        }
    }

    private static Progress quiet() {
        return new Progress(new PrintStream(OutputStream.nullOutputStream()), "it");
    }

    @Test
    void tarGzBaseBackupReplaysTheWholeArchiveWithoutWritingItAndIsRemovedAfterwards() throws Exception {
        Path tarFolder = Files.createDirectories(work.resolve("base-tar"));
        tarGz(plain, tarFolder.resolve("base.tar.gz"), "pg_wal");
        tarGz(plain.resolve("pg_wal"), tarFolder.resolve("pg_wal.tar.gz"), null);
        Map<String, String> archiveBefore = snapshot(archive);
        Map<String, String> backupBefore = snapshot(tarFolder);
        Path workDir;
        try (ReferenceReplay ref = ReferenceReplay.start(new ReferenceReplay.Source(tarFolder, archive,
                Optional.empty(), "app", "postgres"), quiet())) {
            workDir = ref.workDir();
            assertTrue(ref.describedBackup().startsWith("tar format base.tar.gz + pg_wal.tar.gz"),
                    ref.describedBackup());
            try (Connection c = ref.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), pg_is_in_recovery() FROM t")) {
                rs.next();
                assertEquals(1500, rs.getLong(1), "every archived commit replayed");
                assertFalse(rs.getBoolean(2), "promoted");
            }
            Instant last = ref.lastReplayedCommit().orElseThrow();
            assertFalse(last.isAfter(lastCommitBefore), last + " after " + lastCommitBefore);
            assertTrue(Duration.between(last, lastCommitBefore).toSeconds() < 60, last.toString());
            assertEquals(15, ref.major());
        }
        assertFalse(Files.exists(workDir), "reference folder removed: " + workDir);
        assertEquals(archiveBefore, snapshot(archive), "the archive is never written");
        assertEquals(backupBefore, snapshot(tarFolder), "the base backup is never written");
    }

    @Test
    void aSessionErrorThatPersistsStopsTheWaitWithItsCauseInsteadOfAFiveMinuteStall() {
        long started = System.nanoTime();
        RuntimeException e = assertThrows(RuntimeException.class, () -> ReferenceReplay.start(
                new ReferenceReplay.Source(plain, archive, Optional.empty(), "no_such_db", "postgres"), quiet()).close());
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(t.getMessage()).append(" | ");
        }
        assertTrue(chain.toString().contains("\"no_such_db\" does not exist"), chain.toString());
        assertTrue(seconds < 120, "took " + seconds + " s");
    }

    @Test
    void aBackupOfAMajorWithoutBinariesIsUnavailableNamingTheMajor() throws IOException {
        Path fake = Files.createDirectories(work.resolve("base-99"));
        Files.writeString(fake.resolve("PG_VERSION"), "99\n");
        ReferenceReplay.Unavailable e = assertThrows(ReferenceReplay.Unavailable.class, () -> ReferenceReplay.start(
                new ReferenceReplay.Source(fake, archive, Optional.empty(), "app", "postgres"), quiet()));
        assertTrue(e.getMessage().contains("PostgreSQL 99") && e.getMessage().contains("integrity.postgres-bin"),
                e.getMessage());
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    /** Packs a folder as pg_basebackup -Ft -z does; {@code emptied} keeps that folder but not its contents. */
    private static void tarGz(Path dir, Path target, String emptied) throws IOException {
        try (OutputStream out = Files.newOutputStream(target);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out));
             Stream<Path> files = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : files.toList()) {
                String name = dir.relativize(p).toString();
                if (name.isEmpty() || (emptied != null && name.startsWith(emptied + "/"))) {
                    continue;
                }
                TarArchiveEntry e = new TarArchiveEntry(p.toFile(), name);
                tar.putArchiveEntry(e);
                if (Files.isRegularFile(p)) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }
}
