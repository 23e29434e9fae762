package io.restorecheck.lab;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An operating-system user a server started from the user's files runs as. Real hosts keep the archive and the
 * base backup owned by {@code postgres} with 0600 files and 0700 folders; when the harness runs as root it starts
 * such servers as that owner (through {@code setpriv}) instead of in a user namespace, where root's files would
 * be readable but nobody else's.
 */
public record OsUser(int uid, int gid, String name) {
    /** True when this JVM runs as root, where PostgreSQL refuses to start and owners must be switched to. */
    public static boolean currentIsRoot() {
        return Signals.isRoot();
    }

    /** The owner of a file or folder; {@code name} is the uid in digits when the uid has no passwd entry. */
    public static OsUser ownerOf(Path path) throws IOException {
        int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        String name = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        return new OsUser(uid, gid, name);
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** {@code command} run with this user's uid, gid and (when the user is known to the system) groups. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                // --init-groups needs a passwd entry; a bare uid gets no supplementary groups.
                name.chars().allMatch(Character::isDigit) ? "--clear-groups" : "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** True when {@code command}, run as this user, exits 0 (e.g. {@code test -r FILE}); for preflight checks. */
    public boolean can(List<String> command) {
        try {
            Process p = new ProcessBuilder(wrap(command)).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            throw new LabException("cannot run setpriv (util-linux) to act as " + this + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    /** The standard output of {@code command} run as this user; empty when it fails. */
    public String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(wrap(command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            throw new LabException("cannot run setpriv (util-linux) to act as " + this + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    /**
     * Gives a tree this harness created to this user: owner and group, folders 0700, files 0600 (executables
     * 0700), as PostgreSQL requires of a data directory. Symbolic links are re-owned, never followed.
     */
    public void takeOver(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                give(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                give(file);
                if (attrs.isRegularFile()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                            Files.isExecutable(file) ? "rwx------" : "rw-------"));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void give(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Binaries this user can run: {@code binaries} when it can, else a copy of their installation (bin, lib,
     * share) in {@code copyInto}, owned by this user; a cache private to root is out of its reach.
     */
    public PgBinaries runnable(PgBinaries binaries, Path copyInto) {
        if (can(List.of(binaries.tool("postgres").toString(), "--version"))) {
            return binaries;
        }
        Path installation = binaries.binDir().toAbsolutePath().getParent();
        try {
            copyKeepingLinks(installation, copyInto);
            takeOver(copyInto);
        } catch (IOException e) {
            Processes.deleteTree(copyInto);
            throw new LabException(this + " cannot run " + binaries.tool("postgres") + ", and copying " + installation
                    + " for it failed: " + e.getMessage(), e);
        }
        PgBinaries copied = PgBinaries.at(copyInto.resolve("bin"));
        if (!can(List.of(copied.tool("postgres").toString(), "--version"))) {
            throw new LabException(this + " can run neither " + binaries.tool("postgres") + " nor its copy in "
                    + copyInto);
        }
        return copied;
    }

    private static void copyKeepingLinks(Path source, Path target) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(source)) {
            for (Path p : all.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(to, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** "postgres (uid 101, gid 104)". */
    @Override
    public String toString() {
        return name + " (uid " + uid + ", gid " + gid + ")";
    }

    /** Owner and mode of a path for messages: "owner postgres, group postgres, mode rw-------". */
    public static String describe(Path p) {
        try {
            return "owner " + Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName() + ", group "
                    + Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).group().getName() + ", mode "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return "owner and mode unreadable (" + e.getMessage() + ")";
        }
    }

    /** Optional-returning variant for callers that only need the owner when it is not root. */
    public static Optional<OsUser> nonRootOwnerOf(Path path) throws IOException {
        OsUser owner = ownerOf(path);
        return owner.isRoot() ? Optional.empty() : Optional.of(owner);
    }
}
