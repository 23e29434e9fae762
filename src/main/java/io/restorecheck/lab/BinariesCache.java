package io.restorecheck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The per-user folder where PostgreSQL binaries are unpacked: {@code $XDG_CACHE_HOME/restorecheck/postgres}
 * (else {@code ~/.cache/restorecheck/postgres}). The harness runs what it finds there, often as root, so every
 * folder from {@code restorecheck/} down must be a real folder (no symlink) owned by the user running it and
 * writable by nobody else; {@code restorecheck/} is created 0700. A folder someone else owns or can write is
 * refused, never used: another local user could have planted a {@code postgres} in it.
 */
final class BinariesCache {
    /** Overrides the cache folder (tests, CI); the same ownership rules apply to it. */
    static final String PROPERTY = "restorecheck.cache-dir";
    private static final Set<PosixFilePermission> FOREIGN_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private BinariesCache() {
    }

    /** The cache folder for PostgreSQL binaries, created and verified. */
    static Path postgresRoot() {
        String override = System.getProperty(PROPERTY);
        Path top;
        if (override != null && !override.isBlank()) {
            top = Path.of(override).toAbsolutePath();
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
            Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache");
            top = base.resolve("restorecheck");
        }
        ensurePrivate(top);
        Path postgres = top.resolve("postgres");
        ensurePrivate(postgres);
        return postgres;
    }

    /** Creates {@code dir} 0700 when missing (its parents as usual), then verifies it. */
    static void ensurePrivate(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Created by a concurrent run: verified below like any existing folder.
            } catch (IOException e) {
                throw new LabException("cannot create the PostgreSQL binaries cache " + dir + ": " + e.getMessage()
                        + "; set XDG_CACHE_HOME to a folder you own", e);
            }
        }
        verify(dir);
    }

    /** Refuses a folder that is a symlink, not a folder, owned by another user, or writable by group or others. */
    static void verify(Path dir) {
        try {
            if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new LabException("the PostgreSQL binaries cache " + dir + " is not a plain folder (a symlink "
                        + "or a file): refused, since binaries found there are run; remove it");
            }
            int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int me = currentUid();
            if (owner != me) {
                throw new LabException("the PostgreSQL binaries cache " + dir + " is owned by uid " + owner + " ("
                        + Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName() + "), not by you (uid " + me
                        + "): refused, another user could have planted binaries there; remove it or set "
                        + "XDG_CACHE_HOME to a folder you own");
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().anyMatch(FOREIGN_WRITE::contains)) {
                throw new LabException("the PostgreSQL binaries cache " + dir + " is writable by others (mode "
                        + PosixFilePermissions.toString(mode) + "): refused, another user could have planted "
                        + "binaries there; chmod go-w " + dir + " or remove it");
            }
        } catch (IOException e) {
            throw new LabException("cannot check the PostgreSQL binaries cache " + dir + ": " + e.getMessage(), e);
        }
    }

    static int currentUid() {
        return (int) new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
