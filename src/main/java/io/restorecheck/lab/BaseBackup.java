package io.restorecheck.lab;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * A plain-format base backup taken over SQL ({@code pg_backup_start}/{@code pg_backup_stop}) plus a file copy,
 * skipping what pg_basebackup skips; the backup_label the server returns is written into the copy.
 */
public final class BaseBackup {
    /** Directories whose contents pg_basebackup leaves out (the directory itself is kept). */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "recovery.signal", "standby.signal");

    /** Where the backup landed and the WAL positions bracketing it. */
    public record Result(Path directory, String startLsn, String stopLsn) {
    }

    private BaseBackup() {
    }

    public static Result take(PgServer server, Path target, String label) {
        Path source = server.cluster().dataDir();
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            boolean modern = server.cluster().binaries().major() >= 15;
            String startLsn;
            try (ResultSet rs = s.executeQuery(modern
                    ? "SELECT pg_backup_start('" + label + "', true)"
                    : "SELECT pg_start_backup('" + label + "', true, false)")) {
                rs.next();
                startLsn = rs.getString(1);
            }
            copy(source, target);
            // wait_for_archive = true: returns once the WAL the backup needs is in the archive.
            try (ResultSet rs = s.executeQuery(modern
                    ? "SELECT labelfile, spcmapfile, lsn FROM pg_backup_stop(true)"
                    : "SELECT labelfile, spcmapfile, lsn FROM pg_stop_backup(false, true)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString(1));
                String spcmap = rs.getString(2);
                if (spcmap != null && !spcmap.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), spcmap);
                }
                return new Result(target, startLsn, rs.getString(3));
            }
        } catch (SQLException | IOException e) {
            throw new LabException("base backup of " + server + " into " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = source.relativize(dir);
                Files.createDirectories(target.resolve(relative.toString()));
                if (relative.getNameCount() == 1 && EMPTIED.contains(relative.toString())) {
                    if (relative.toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("pg_wal/archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = source.relativize(file);
                String name = file.getFileName().toString();
                if ((relative.getNameCount() == 1 && SKIPPED_FILES.contains(name)) || name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException e) {
                    // Files may vanish while the server runs; the WAL replay covers them.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }
        });
    }
}
