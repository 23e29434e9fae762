package io.restorecheck.drill;

import io.restorecheck.config.DrillSection;
import io.restorecheck.integrity.BaseBackups;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Puts the newest base backup into the drill's data folder: copied or unpacked from a backup folder (a folder of
 * backups: the most recently modified one that is a backup), or materialised by the user's fetch command into the
 * folder the harness names ({@code %d}), e.g. {@code pgbackrest restore}. The backup itself is only read.
 */
final class BackupSource {
    private BackupSource() {
    }

    /** Fills {@code dataDir} (which must not exist yet) and returns a description of what was restored. */
    static String materialise(DrillSection drill, Path dataDir, Path tablespaces, Path workDir) {
        if (drill.fetchCommand().isPresent()) {
            return fetch(drill.fetchCommand().get(), dataDir, workDir, drill.giveUpAfter().toSeconds());
        }
        Path backup = newest(drill.baseBackup().orElseThrow());
        try {
            return BaseBackups.materialise(backup, dataDir, tablespaces);
        } catch (IOException e) {
            throw new DrillFailure("cannot read the base backup " + backup + ": " + e.getMessage(), e);
        }
    }

    /** {@code configured} when it is a backup, else its newest sub-folder that is one. */
    static Path newest(Path configured) {
        if (!Files.isDirectory(configured)) {
            throw new DrillFailure("drill.base-backup " + configured + " is not a folder", null);
        }
        if (BaseBackups.isBackup(configured)) {
            return configured;
        }
        try (Stream<Path> children = Files.list(configured)) {
            List<Path> backups = children.filter(Files::isDirectory).filter(BaseBackups::isBackup)
                    .sorted(Comparator.comparing(BackupSource::modified).reversed()).toList();
            if (backups.isEmpty()) {
                throw new DrillFailure("drill.base-backup " + configured + " is neither a backup (PG_VERSION or "
                        + "base.tar[.gz]) nor a folder holding backups", null);
            }
            return backups.get(0);
        } catch (IOException e) {
            throw new DrillFailure("cannot list drill.base-backup " + configured + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static String fetch(String command, Path dataDir, Path workDir, long timeoutSeconds) {
        String line = command.replace("%d", Shell.quote(dataDir.toAbsolutePath().toString()));
        Path log = workDir.resolve("fetch.log");
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Process p = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DrillFailure("drill.fetch-command did not finish within " + timeoutSeconds + " s: " + line,
                        null);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new DrillFailure("drill.fetch-command exited " + p.exitValue() + ": " + line + "\n"
                        + Shell.tail(out, 15), null);
            }
            if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
                throw new DrillFailure("drill.fetch-command succeeded but left no data folder in " + dataDir
                        + " (no PG_VERSION): " + line + "\n" + Shell.tail(out, 10), null);
            }
            return "fetched by: " + line;
        } catch (IOException e) {
            throw new DrillFailure("cannot run drill.fetch-command " + line + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrillFailure("interrupted while fetching the base backup", e);
        }
    }

    /** The backup_label's START TIME, the recovery point when no commit is replayed after the backup. */
    static Optional<java.time.Instant> backupStart(Path dataDir) {
        try {
            for (String l : Files.readAllLines(dataDir.resolve("backup_label"), StandardCharsets.UTF_8)) {
                if (l.startsWith("START TIME: ")) {
                    String t = l.substring("START TIME: ".length()).trim();
                    java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter
                            .ofPattern("yyyy-MM-dd HH:mm:ss z");
                    return Optional.of(java.time.ZonedDateTime.parse(t, f).toInstant());
                }
            }
        } catch (IOException | RuntimeException e) {
            // No label (pgbackrest writes one; a cold copy has none): the caller says so.
        }
        return Optional.empty();
    }
}
