package io.restorecheck.integrity;

import io.restorecheck.lab.LabException;
import io.restorecheck.lab.OsUser;
import io.restorecheck.lab.PgBinaries;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who the reference server runs as, and whether that user can reach what it needs. As root: the owner of the
 * archive (else of the base backup) when that is not root, because the server's restore_command reads the archive
 * with the server's rights; root's own files need no switch. As anyone else: ourselves, so every file of the base
 * backup and the archive must be readable, and the first that is not is named with its owner, mode and the fix.
 */
final class ReplayUser {
    private ReplayUser() {
    }

    /**
     * The user to start the reference as when we are root: the owner of the archive folder, else of its first
     * file, else of the base backup, when not root; empty means root's files, replayed in a user namespace.
     */
    static Optional<OsUser> choose(Path archive, Path baseBackup) {
        if (!OsUser.currentIsRoot()) {
            return Optional.empty();
        }
        try {
            Optional<OsUser> owner = OsUser.nonRootOwnerOf(archive);
            if (owner.isEmpty()) {
                // A folder root made, filled by the server's archive_command: the segments tell the owner.
                try (java.util.stream.Stream<Path> files = Files.list(archive)) {
                    Optional<Path> segment = files.filter(Files::isRegularFile).sorted().findFirst();
                    owner = segment.isPresent() ? OsUser.nonRootOwnerOf(segment.get()) : Optional.empty();
                }
            }
            return owner.isPresent() ? owner : OsUser.nonRootOwnerOf(baseBackup);
        } catch (IOException e) {
            throw new ReferenceReplay.Unavailable("cannot read the owner of " + archive + " or " + baseBackup + ": "
                    + e.getMessage(), e);
        }
    }

    /** Not root: every file we will read must be readable by us; fails on the first that is not. */
    static void requireReadableByUs(Path baseBackup, Path archive) {
        if (OsUser.currentIsRoot()) {
            return;
        }
        String me = System.getProperty("user.name");
        firstUnreadable(baseBackup, Integer.MAX_VALUE).ifPresent(p -> {
            throw unreadable("base backup", baseBackup, p, me);
        });
        firstUnreadable(archive, 1).ifPresent(p -> {
            throw unreadable("WAL archive", archive, p, me);
        });
    }

    private static ReferenceReplay.Unavailable unreadable(String what, Path root, Path p, String me) {
        return new ReferenceReplay.Unavailable("the " + what + (Files.isDirectory(p) ? " folder " : " file ") + p
                + " cannot be read by " + me + " ("
                + OsUser.describe(p) + "), so the reference replay cannot run: run restorecheck as root (it then "
                + "starts the reference server as the files' owner), or as that owner, or grant read access, e.g. "
                + "setfacl -R -m u:" + me + ":rX " + root + " (plus setfacl -R -d -m u:" + me + ":rX " + root
                + " so that files written later stay readable)", null);
    }

    private static Optional<Path> firstUnreadable(Path root, int depth) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, java.util.Set.of(), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return check(dir, Files.isReadable(dir) && Files.isExecutable(dir));
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return check(file, attrs.isSymbolicLink() || Files.isReadable(file));
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return check(file, false);
                }

                private FileVisitResult check(Path p, boolean readable) {
                    if (readable) {
                        return FileVisitResult.CONTINUE;
                    }
                    found.add(p);
                    return FileVisitResult.TERMINATE;
                }
            });
        } catch (IOException e) {
            return Optional.of(root);
        }
        if (found.isEmpty() && !Files.isReadable(root)) {
            found.add(root);
        }
        // A folder on the way that we cannot enter is the real cause: name it rather than the file.
        return found.stream().findFirst().map(ReplayUser::blockingAncestorOr);
    }

    private static Path blockingAncestorOr(Path p) {
        Path abs = p.toAbsolutePath();
        for (int i = 1; i < abs.getNameCount(); i++) {
            Path dir = abs.getRoot().resolve(abs.subpath(0, i));
            if (!Files.isExecutable(dir)) {
                return dir;
            }
        }
        return p;
    }

    /** As root, before starting the server as {@code user}: it must reach the archive and its segments. */
    static void requireArchiveReadableBy(OsUser user, Path archive) {
        Path abs = archive.toAbsolutePath();
        if (!user.can(List.of("test", "-r", abs.toString(), "-a", "-x", abs.toString()))) {
            Path blocking = abs;
            for (int i = 1; i <= abs.getNameCount(); i++) {
                Path dir = abs.getRoot().resolve(abs.subpath(0, i));
                if (!user.can(List.of("test", "-x", dir.toString()))) {
                    blocking = dir;
                    break;
                }
            }
            throw new ReferenceReplay.Unavailable("the reference server runs as " + user + ", the owner of the WAL "
                    + "archive, but " + user.name() + " cannot enter " + blocking + " (" + OsUser.describe(blocking)
                    + "); let that user traverse the folders above the archive (e.g. chmod o+x " + blocking
                    + ") or move the archive where " + user.name() + " can reach it", null);
        }
        String unreadable = user.output(List.of("find", abs.toString(), "-maxdepth", "1", "-type", "f", "!",
                "-readable", "-print", "-quit"));
        if (!unreadable.isBlank()) {
            Path file = Path.of(unreadable.trim());
            throw new ReferenceReplay.Unavailable("the reference server runs as " + user + ", the owner of the WAL "
                    + "archive, but cannot read the archive file " + file + " (" + OsUser.describe(file)
                    + "); give the archive's files one owner (chown " + user.name() + " " + abs + "/*) or make them "
                    + "readable by " + user.name(), null);
        }
    }

    /** Binaries the reference's user can run: the configured or bundled ones, else a private copy. */
    static PgBinaries runnableBy(OsUser user, PgBinaries binaries, Path workDir) {
        try {
            return user.runnable(binaries, workDir.resolve("postgres-" + binaries.major()));
        } catch (LabException e) {
            throw new ReferenceReplay.Unavailable(e.getMessage() + "; or set integrity.postgres-bin to a PostgreSQL "
                    + binaries.major() + " installation readable by " + user.name(), e);
        }
    }
}
