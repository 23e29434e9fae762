package io.restorecheck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Point-in-time recovery as an operator does it: copy the base backup, add {@code recovery.signal} and a
 * {@code restore_command} that only reads the archive, start, wait for promotion. The restored server never
 * archives into the archive it recovers from.
 */
public final class Restore {
    /**
     * @param archiveDir         the WAL archive to recover from (only ever read)
     * @param archiveTo          where the restored server archives its own WAL; empty means archiving off
     * @param recoveryTargetTime stop replay at this time ({@code recovery_target_time} syntax); empty = replay all
     */
    public record Options(Path archiveDir, Optional<Path> archiveTo, Optional<String> recoveryTargetTime) {
        public Options {
            if (archiveTo.isPresent() && archiveTo.get().toAbsolutePath().normalize()
                    .equals(archiveDir.toAbsolutePath().normalize())) {
                throw new LabException("the restored server must not archive into the archive it recovers from: "
                        + archiveDir);
            }
        }
    }

    private Restore() {
    }

    /** Copies the base backup into {@code dataDir} and configures recovery; nothing is started yet. */
    public static PgCluster prepare(PgBinaries binaries, Path baseBackup, Path dataDir, Options options) {
        if (Files.exists(dataDir)) {
            throw new LabException("restore target " + dataDir + " already exists");
        }
        try {
            Processes.copyTree(baseBackup, dataDir, "a plain base backup with tablespaces cannot be restored by the lab");
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(dataDir.resolve("pg_wal/archive_status"));
            Files.writeString(dataDir.resolve("recovery.signal"), "");
            if (options.archiveTo().isPresent()) {
                Files.createDirectories(options.archiveTo().get());
            }
        } catch (IOException e) {
            throw new LabException("cannot prepare restore of " + baseBackup + " into " + dataDir, e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("restore_command", ShellCommands.restoreCommand(options.archiveDir()));
        if (options.archiveTo().isPresent()) {
            settings.put("archive_mode", "on");
            settings.put("archive_command", archiveCommand(options.archiveTo().get()));
        } else {
            settings.put("archive_mode", "off");
        }
        options.recoveryTargetTime().ifPresent(t -> {
            settings.put("recovery_target_time", t);
            settings.put("recovery_target_action", "promote");
        });
        PgCluster cluster = PgCluster.existing(binaries, dataDir);
        cluster.appendSettings("postgresql.auto.conf", "restore from " + baseBackup + " + " + options.archiveDir(),
                settings);
        return asArchiveOwner(cluster, options.archiveDir());
    }

    /**
     * As root, a restore from an archive another user owns (postgres, 0600 files, as on real hosts) runs as that
     * user: its restore_command must read the archive, which root's user-namespace server cannot.
     */
    private static PgCluster asArchiveOwner(PgCluster cluster, Path archiveDir) {
        if (!Signals.isRoot()) {
            return cluster;
        }
        try {
            OsUser owner = OsUser.ownerOf(archiveDir);
            if (owner.isRoot()) {
                return cluster;
            }
            owner.takeOver(cluster.dataDir());
            Path data = cluster.dataDir();
            PgBinaries binaries = owner.runnable(cluster.binaries(),
                    data.resolveSibling(data.getFileName() + "-postgres-" + cluster.binaries().major()));
            return PgCluster.existing(binaries, data).runningAs(owner);
        } catch (IOException e) {
            throw new LabException("cannot give the restored data directory " + cluster.dataDir()
                    + " to the archive's owner", e);
        }
    }

    /** Starts a prepared cluster and waits until recovery has ended and it was promoted. */
    public static PgServer startAndPromote(PgCluster cluster, String name, Duration timeout) {
        PgServer server = cluster.start(name);
        try {
            server.awaitPromotion(timeout);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** An archive_command that copies a finished segment into {@code dir} and never overwrites. */
    public static String archiveCommand(Path dir) {
        return ShellCommands.archiveCommand(dir);
    }
}
