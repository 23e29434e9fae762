package io.restorecheck.demo;

import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.LabException;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Restore;
import io.restorecheck.lab.ShutdownMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wrong-timeline}: a failover after the base backup puts the archive's newest lineage on timeline 2, and the
 * restore is held on timeline 1, as a recovery_target_timeline copied from an old runbook would.
 */
final class WrongTimeline {
    private WrongTimeline() {
    }

    /**
     * {@code wrong-timeline}: the primary dies and a copy restored from the base backup + archive takes over, as a
     * failover does; it promotes to timeline 2, archives into the same archive (it is the new primary), and takes
     * edits through the wiki. The archive then holds two timelines, the newest lineage being timeline 2.
     */
    static PgServer failover(PgBinaries bin, PgServer primary, DemoStack.Layout layout, WikiServer wiki,
                             RunningStack running) {
        Path workDir = layout.workDir();
        Path archive = layout.archive();
        primary.stop(ShutdownMode.IMMEDIATE);
        PgCluster cluster = Restore.prepare(bin, layout.baseBackup(), workDir.resolve("failover"), new Restore.Options(archive,
                Optional.of(workDir.resolve("failover-archive-unused")), Optional.empty()));
        cluster.appendSettings("postgresql.auto.conf", "the failover server is the new primary: it archives into "
                + "the archive", Map.of("archive_command", Restore.archiveCommand(archive)));
        PgServer failover = running.track(Restore.startAndPromote(cluster, "failover", DemoStory.RECOVERY_TIMEOUT));
        wiki.repoint(failover.jdbcUrl(DemoStack.DATABASE), "postgres", "");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> titles = new ArrayList<>();
        try (Connection c = failover.connect(DemoStack.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT propercased_name FROM curPages ORDER BY name LIMIT 10")) {
            while (rs.next()) {
                titles.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new LabException("cannot list pages on " + failover + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < titles.size(); i++) {
            DemoStory.post(http, URI.create(wiki.baseUrl() + WikiServer.pagePath(titles.get(i)) + "?action=edit&user=demo"),
                    "== Edited after the failover ==\nEdit " + (i + 1) + " on timeline 2; marker rc-failover:"
                            + (i + 1) + ".");
        }
        Archiving.switchAndAwaitArchived(failover, DemoStory.ARCHIVE_TIMEOUT);
        return failover;
    }

    /**
     * The classic slip: a recovery_target_timeline copied from an old runbook, so the restore ignores the
     * failover's timeline 2 and promotes off timeline 1, losing everything written after the failover.
     */
    static void holdOnTimelineOne(PgCluster cluster) {
        cluster.appendSettings("postgresql.auto.conf", "wrong-timeline: held on timeline 1",
                Map.of("recovery_target_timeline", "1"));
    }
}
