package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.BaseBackup;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Restore;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.report.Progress;
import io.restorecheck.wal.ArchiveInspector;
import io.restorecheck.wal.Compression;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives in folders whose names would be code if pasted into a shell unquoted ({@code "}, {@code $(...)},
 * backticks, {@code '}, {@code %f}): a primary archives into one, and both the lab's restore and the reference
 * replay recover from it, plain and zstd-compressed. A canary file proves no command substitution ran.
 */
class HostileArchivePathIT {
    private static final String HOSTILE = "arch \"q\" $(touch CANARY) `touch CANARY` it's 100%f";

    @TempDir
    static Path work;
    static Path archive;
    static Path compressed;
    static Path base;

    @BeforeAll
    static void primaryArchivingIntoAHostileFolder() throws Exception {
        archive = Files.createDirectories(work.resolve(HOSTILE));
        PgBinaries bin = PgBinaries.bundled();
        try (PgServer primary = PgCluster.init(bin, work.resolve("primary"), Archiving.primarySettings(archive))
                .start("primary")) {
            primary.createDatabase("app");
            primary.execute("app", "CREATE TABLE t (id int PRIMARY KEY)");
            primary.execute("app", "INSERT INTO t SELECT generate_series(1, 100)");
            base = BaseBackup.take(primary, work.resolve("base"), "hostile").directory();
            primary.execute("app", "INSERT INTO t SELECT generate_series(101, 250)");
            Archiving.switchAndAwaitArchived(primary, Duration.ofSeconds(60));
            primary.stop(ShutdownMode.IMMEDIATE);
        }
        compressed = Files.createDirectories(work.resolve("zst " + HOSTILE));
        try (Stream<Path> files = Files.list(archive)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.length() == 24) {
                    try (OutputStream out = Compression.ZSTD.compress(Files.newOutputStream(
                            compressed.resolve(name + ".zst")))) {
                        Files.copy(f, out);
                    }
                } else {
                    Files.copy(f, compressed.resolve(name));
                }
            }
        }
    }

    private static void assertNoCanary() throws Exception {
        try (Stream<Path> all = Files.walk(work)) {
            List<Path> canaries = all.filter(p -> p.getFileName().toString().equals("CANARY")).toList();
            assertEquals(List.of(), canaries, "a command substitution ran");
        }
        assertFalse(Files.exists(Path.of("CANARY")));
    }

    @Test
    void labRestoreFromAHostileFolderRecoversEveryCommit() throws Exception {
        assertTrue(Files.list(archive).anyMatch(p -> p.getFileName().toString().length() == 24),
                "the primary's archive_command archived into the hostile folder");
        PgCluster cluster = Restore.prepare(PgBinaries.bundled(), base, work.resolve("restored"),
                new Restore.Options(archive, Optional.empty(), Optional.empty()));
        try (PgServer restored = Restore.startAndPromote(cluster, "restored", Duration.ofMinutes(2))) {
            assertEquals("250", restored.queryString("app", "SELECT count(*) FROM t"));
        }
        assertNoCanary();
    }

    @Test
    void referenceReplayFromAHostileCompressedFolderRecoversEveryCommit() throws Exception {
        assertEquals(ArchiveInspector.inspect(archive).toJson(), ArchiveInspector.inspect(compressed).toJson(),
                "the WAL reader reads the zstd copy as the plain archive");
        try (ReferenceReplay ref = ReferenceReplay.start(new ReferenceReplay.Source(base, compressed,
                Optional.empty(), "app", "postgres"), new Progress(new PrintStream(OutputStream.nullOutputStream()),
                "it"));
             Connection c = ref.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertEquals(250, rs.getLong(1), "every commit replayed from the compressed archive");
        }
        assertNoCanary();
    }

    @Test
    void referenceReplayFromAHostilePlainFolderRecoversEveryCommit() throws Exception {
        try (ReferenceReplay ref = ReferenceReplay.start(new ReferenceReplay.Source(base, archive,
                Optional.empty(), "app", "postgres"), new Progress(new PrintStream(OutputStream.nullOutputStream()),
                "it"));
             Connection c = ref.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertEquals(250, rs.getLong(1));
        }
        assertNoCanary();
    }
}
