package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile base.tar cannot write outside the data directory: links are refused, never followed. */
class BaseBackupCopyTest {
    @TempDir
    Path dir;

    private Path tar(String name, Entry... entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            for (Entry e : entries) {
                TarArchiveEntry entry = e.link == null ? new TarArchiveEntry(e.name)
                        : new TarArchiveEntry(e.name, e.hard ? TarConstants.LF_LINK : TarConstants.LF_SYMLINK);
                byte[] data = e.text == null ? new byte[0] : e.text.getBytes(StandardCharsets.UTF_8);
                if (e.link != null) {
                    entry.setLinkName(e.link);
                } else {
                    entry.setSize(data.length);
                }
                t.putArchiveEntry(entry);
                t.write(data);
                t.closeArchiveEntry();
            }
        }
        return file;
    }

    private record Entry(String name, String link, boolean hard, String text) {
    }

    @Test
    void symlinkEntryFollowedByAFileBelowItIsRefusedAndNothingLandsOutside() throws IOException {
        Path archive = Files.createDirectories(dir.resolve("wal-archive"));
        Path evil = tar("base.tar", new Entry("PG_VERSION", null, false, "15\n"),
                new Entry("pg_wal/escape", archive.toString(), false, null),
                new Entry("pg_wal/escape/000000010000000000000099", null, false, "planted"));
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        IOException e = assertThrows(IOException.class, () -> BaseBackupCopy.untar(evil, data));
        assertTrue(e.getMessage().contains("pg_wal/escape") && e.getMessage().contains(archive.toString()),
                e.getMessage());
        try (var files = Files.list(archive)) {
            assertFalse(files.findAny().isPresent(), "a file was written into the WAL archive through the link");
        }
        assertFalse(Files.exists(data.resolve("pg_wal/escape"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void hardLinkEntryIsRefused() throws IOException {
        Path evil = tar("base.tar", new Entry("global/pg_control", "/etc/passwd", true, null));
        Path data = Files.createDirectories(dir.resolve("data"));
        IOException e = assertThrows(IOException.class, () -> BaseBackupCopy.untar(evil, data));
        assertTrue(e.getMessage().contains("hard link to /etc/passwd"), e.getMessage());
    }

    @Test
    void tablespaceLinksAreSkippedAndFilesBelowThemAreRealFolders() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("old-host-tablespace"));
        Path ok = tar("base.tar", new Entry("pg_tblspc/16384", outside.toString(), false, null),
                new Entry("pg_tblspc/16384/PG_15/x", null, false, "data"));
        Path data = Files.createDirectories(dir.resolve("data"));
        BaseBackupCopy.untar(ok, data);
        assertFalse(Files.isSymbolicLink(data.resolve("pg_tblspc/16384")));
        assertTrue(Files.isRegularFile(data.resolve("pg_tblspc/16384/PG_15/x")));
        try (var files = Files.list(outside)) {
            assertFalse(files.findAny().isPresent());
        }
    }
}
