package io.restorecheck.demo;

import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.LabException;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Restore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code lose-wal-tail}: everything so far reaches the archive, then the primary's segments go elsewhere and the
 * story pauses, so the archive ends {@link #PAUSE} or more before the outage: only the outage time reveals it.
 */
final class LostWalTail {
    /** The archive's last commit is at least this long before the outage... */
    static final Duration PAUSE = Duration.ofSeconds(4);
    /** ...which exceeds the max-data-loss the site config states under this break. */
    static final String MAX_DATA_LOSS = "2s";

    private LostWalTail() {
    }

    static void strike(PgServer primary, Path workDir) {
        Archiving.switchAndAwaitArchived(primary, DemoStory.ARCHIVE_TIMEOUT);
        Path lost = workDir.resolve("wal-never-archived");
        try {
            Files.createDirectories(lost);
        } catch (IOException e) {
            throw new LabException("cannot create " + lost, e);
        }
        primary.execute("postgres", "ALTER SYSTEM SET archive_command = '"
                + Restore.archiveCommand(lost).replace("'", "''") + "'");
        primary.queryString("postgres", "SELECT pg_reload_conf()");
        DemoStory.sleepMillis(PAUSE.toMillis());
    }
}
