package io.restorecheck.integrity;

import io.restorecheck.lab.Processes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Puts a base backup into a fresh data directory without touching the original: a plain directory is copied;
 * tar format as {@code pg_basebackup -Ft} writes it ({@code base.tar[.gz]}, {@code pg_wal.tar[.gz]},
 * {@code <oid>.tar[.gz]} per tablespace) is unpacked, tablespaces into their own folders with
 * {@code tablespace_map} pointing there, never at the original host's paths.
 */
final class BaseBackupCopy {
    private BaseBackupCopy() {
    }

    /** The PostgreSQL major version recorded in the backup, read without unpacking when it is a directory. */
    static Optional<Integer> majorOfPlain(Path backup) throws IOException {
        Path v = backup.resolve("PG_VERSION");
        return Files.isRegularFile(v) ? Optional.of(parseMajor(Files.readString(v, StandardCharsets.US_ASCII), v))
                : Optional.empty();
    }

    static int parseMajor(String text, Path from) throws IOException {
        try {
            String t = text.trim();
            return Integer.parseInt(t.contains(".") ? t.substring(0, t.indexOf('.')) : t);
        } catch (NumberFormatException e) {
            throw new IOException(from + " does not hold a PostgreSQL version: '" + text.trim() + "'", e);
        }
    }

    /** Copies or unpacks {@code backup} into {@code dataDir} (which must not exist); returns a description. */
    static String materialise(Path backup, Path dataDir, Path tablespaces) throws IOException {
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        if (Files.isDirectory(backup) && Files.isRegularFile(backup.resolve("PG_VERSION"))) {
            Processes.copyTree(backup, dataDir, "a tablespace of a plain-format backup: take the base backup in tar format "
                    + "(pg_basebackup -Ft) to replay it safely");
            return "plain directory " + backup;
        }
        Path baseTar = Files.isDirectory(backup) ? find(backup, "base").orElseThrow(() -> new IOException(backup
                + " is neither a data directory (no PG_VERSION) nor a pg_basebackup -Ft folder (no base.tar or "
                + "base.tar.gz)")) : backup;
        Path folder = baseTar.getParent();
        untar(baseTar, dataDir);
        List<String> parts = new ArrayList<>(List.of(baseTar.getFileName().toString()));
        Optional<Path> walTar = find(folder, "pg_wal");
        if (walTar.isPresent()) {
            Files.createDirectories(dataDir.resolve("pg_wal"));
            untar(walTar.get(), dataDir.resolve("pg_wal"));
            parts.add(walTar.get().getFileName().toString());
        }
        Path map = dataDir.resolve("tablespace_map");
        if (Files.isRegularFile(map)) {
            StringBuilder rewritten = new StringBuilder();
            for (String line : Files.readAllLines(map, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String oid = line.substring(0, line.indexOf(' '));
                Path tar = find(folder, oid).orElseThrow(() -> new IOException("tablespace " + oid + " of "
                        + baseTar + " has no " + oid + ".tar[.gz] next to it"));
                Path target = Files.createDirectories(tablespaces.resolve(oid));
                untar(tar, target);
                parts.add(tar.getFileName().toString());
                rewritten.append(oid).append(' ').append(target.toAbsolutePath()).append('\n');
            }
            Files.writeString(map, rewritten, StandardCharsets.UTF_8);
        }
        return "tar format " + String.join(" + ", parts) + " in " + folder;
    }

    private static Optional<Path> find(Path folder, String stem) {
        for (String name : List.of(stem + ".tar", stem + ".tar.gz", stem + ".tgz")) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static void untar(Path tarFile, Path target) throws IOException {
        String name = tarFile.getFileName().toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarFile), 1 << 16);
             InputStream in = name.endsWith(".gz") || name.endsWith(".tgz") ? new GzipCompressorInputStream(raw, true)
                     : raw;
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException(tarFile + ": entry outside the data directory: " + entry.getName());
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    // A link elsewhere would let a later entry write through it (into the WAL archive, say).
                    // pg_tblspc links of plain-format tars point at the old host; tablespace_map replaces them, so
                    // they are skipped; any other link is refused, never created and never followed.
                    if (entry.isSymbolicLink() && entry.getName().startsWith("pg_tblspc/")) {
                        continue;
                    }
                    throw new IOException(tarFile + ": entry " + entry.getName() + " is a " + (entry.isLink() ? "hard"
                            : "symbolic") + " link to " + entry.getLinkName() + "; a base backup holds links only in"
                            + " pg_tblspc/, so this one is refused and nothing is written through it");
                }
                refuseLinkedParents(tarFile, target, out);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwx------"));
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }

    /** No folder between {@code target} and {@code out} may be a link: writing below one would follow it. */
    private static void refuseLinkedParents(Path tarFile, Path target, Path out) throws IOException {
        for (Path p = out; p != null && p.startsWith(target) && !p.equals(target); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException(tarFile + ": " + target.relativize(p) + " is a link; entries below it are "
                        + "refused, never written through it");
            }
        }
    }

    /** Names of the files in a folder, for messages. */
    static String listing(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return String.join(", ", s.map(p -> p.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            return "(cannot list " + folder + ")";
        }
    }
}
