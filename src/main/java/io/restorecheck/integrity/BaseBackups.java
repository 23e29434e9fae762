package io.restorecheck.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public seam to the base-backup handling the reference replay uses, for other restores (the drill): the
 * same copy or unpacking of plain and {@code pg_basebackup -Ft} backups, the same reading of the major version.
 */
public final class BaseBackups {
    private BaseBackups() {
    }

    /**
     * Copies or unpacks {@code backup} into {@code dataDir} (created, mode 0700), tablespaces under
     * {@code tablespaces}; the backup is only read. Returns a description for progress lines and reports.
     */
    public static String materialise(Path backup, Path dataDir, Path tablespaces) throws IOException {
        return BaseBackupCopy.materialise(backup, dataDir, tablespaces);
    }

    /** Whether {@code folder} is itself one backup (a data folder, or a folder with base.tar[.gz]). */
    public static boolean isBackup(Path folder) {
        return Files.isRegularFile(folder.resolve("PG_VERSION")) || Files.isRegularFile(folder.resolve("base.tar"))
                || Files.isRegularFile(folder.resolve("base.tar.gz")) || Files.isRegularFile(folder.resolve("base.tgz"));
    }

    /** The PostgreSQL major of a data folder, from its PG_VERSION. */
    public static int major(Path dataDir) throws IOException {
        Path v = dataDir.resolve("PG_VERSION");
        return BaseBackupCopy.parseMajor(Files.readString(v, StandardCharsets.US_ASCII), v);
    }
}
