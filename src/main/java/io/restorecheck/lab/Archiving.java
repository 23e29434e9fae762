package io.restorecheck.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** WAL archiving on a lab primary: the settings that turn it on, and waiting until WAL has reached the archive. */
public final class Archiving {
    private Archiving() {
    }

    /** postgresql.conf settings of a primary that archives every finished segment into {@code archiveDir}. */
    public static Map<String, String> primarySettings(Path archiveDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("wal_level", "replica");
        settings.put("archive_mode", "on");
        settings.put("archive_command", Restore.archiveCommand(archiveDir));
        return settings;
    }

    /**
     * Closes the current segment ({@code pg_switch_wal}) and waits until the archiver has shipped it, so that
     * every commit so far is in the archive. Returns the name of that segment.
     */
    public static String switchAndAwaitArchived(PgServer server, Duration timeout) {
        String segment = server.queryString("postgres", "SELECT pg_walfile_name(pg_switch_wal())");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String archived = server.queryString("postgres", "SELECT last_archived_wal FROM pg_stat_archiver");
            // Segment names of one timeline sort like their positions.
            if (archived != null && archived.length() >= 24 && archived.substring(0, 24).compareTo(segment) >= 0) {
                return segment;
            }
            if (System.nanoTime() > deadline) {
                String failed = server.queryString("postgres",
                        "SELECT coalesce(last_failed_wal, '-') || ' failed ' || failed_count FROM pg_stat_archiver");
                throw new LabException("segment " + segment + " not archived within " + timeout.toSeconds()
                        + " s (last archived " + archived + ", " + failed + "); log " + server.logFile());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted", e);
            }
        }
    }
}
