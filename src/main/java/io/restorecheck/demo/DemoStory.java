package io.restorecheck.demo;

import io.restorecheck.demo.wiki.WikiData;
import io.restorecheck.demo.wiki.WikiSchema;
import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.BaseBackup;
import io.restorecheck.lab.LabException;
import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Restore;
import io.restorecheck.lab.ShellCommands;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.report.Progress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample site taken through the whole story: a primary with WAL archiving, the wiki with memcached, a base
 * backup, more edits through the app, an outage, and a restore from base backup + archive with the wiki
 * repointed. One use: {@link #tell} returns the {@link DemoStack} (the restored stack, still running, owned by a
 * {@link RunningStack}, and the {@link DemoFacts} the demo knows to be true). Every field here is written only
 * while the story is told; nothing outside reads them.
 */
final class DemoStory {
    private static final String DATABASE = DemoStack.DATABASE;
    private static final Map<String, String> TUNED = DemoStack.TUNED;
    static final Duration ARCHIVE_TIMEOUT = Duration.ofMinutes(2);
    static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);
    /** Edits after the base backup come in batches with a WAL switch between them, so they span segments. */
    private static final int EDIT_BATCHES = 3;
    /** Pages whose cached HTML the stale-cache break replaces by a newer revision's. */
    private static final int STALE_PAGES = 3;

    private final DemoStack.Layout layout;
    private final Path workDir;
    private final Path archive;
    private final Path restoredArchive;
    private final Path baseBackup;
    private final Path expectedSettings;
    /** Owns every process the story starts: stopped by the stack's close, or here when the story fails. */
    private final RunningStack running;
    private final java.util.Set<BreakKind> breaks;
    /** What each break did (e.g. which page it broke), for the report's demo metrics. */
    private final Map<String, Object> breakFacts = new LinkedHashMap<>();
    private Memcached memcached;
    private WikiServer wiki;
    /** Under stop-early: a time after the first batches of edits and before the last. */
    private String stopEarlyTarget;

    private DemoStory(DemoStack.Layout layout, java.util.Set<BreakKind> breaks) {
        this.layout = layout;
        this.workDir = layout.workDir();
        this.archive = layout.archive();
        this.restoredArchive = layout.restoredArchive();
        this.baseBackup = layout.baseBackup();
        this.expectedSettings = layout.expectedSettings();
        this.running = new RunningStack(workDir);
        this.breaks = java.util.Set.copyOf(breaks);
    }

    /** Builds the restored stack step by step, printing one progress line per step. */
    static DemoStack tell(DemoOptions options, Progress progress) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("restorecheck-demo-");
        } catch (IOException e) {
            throw new LabException("cannot create a work folder in " + System.getProperty("java.io.tmpdir"), e);
        }
        DemoStory story = new DemoStory(DemoStack.Layout.in(workDir), options.breaks());
        try {
            return story.run(options, progress);
        } catch (RuntimeException e) {
            story.running.close();
            throw e;
        }
    }

    private DemoStack run(DemoOptions options, Progress progress) {
        PgBinaries bin = progress.step("PostgreSQL binaries", options::binaries,
                b -> "PostgreSQL " + b.major() + " (" + b.binDir() + ")");
        PgServer primary = progress.step("primary with WAL archiving", () -> startPrimary(bin, options),
                p -> "127.0.0.1:" + p.port() + ", archive " + archive + options.compress()
                        .map(c -> " (segments compressed: " + c.label() + ")").orElse(""));
        memcached = progress.step("memcached", () -> running.track(Memcached.start(MemcachedOptions.defaults())),
                Memcached::address);
        WikiData.Counts generated = progress.step("wiki data", () -> generate(primary, options),
                c -> c.pages() + " pages, " + c.revisions() + " revisions");
        wiki = progress.step("wiki server", () -> running.track(WikiServer.start(wikiOptions(primary))),
                WikiServer::baseUrl);
        progress.step("base backup", () -> BaseBackup.take(primary, baseBackup, "restorecheck-demo"),
                r -> "start " + r.startLsn() + ", stop " + r.stopLsn());
        int editsAfterBackup = progress.step("edits after the backup (via the wiki)", () -> editAfterBackup(primary,
                options), n -> n + " edits in " + EDIT_BATCHES + " segments");
        progress.step("wait until archived", () -> Archiving.switchAndAwaitArchived(primary, ARCHIVE_TIMEOUT),
                s -> "last segment " + s);
        PgServer newest = primary;
        if (breaks.contains(BreakKind.WRONG_TIMELINE)) {
            newest = progress.step("failover to timeline 2 (the new primary archives into the same archive)",
                    () -> WrongTimeline.failover(bin, primary, layout, wiki, running), f -> "127.0.0.1:" + f.port() + ", timeline "
                            + f.queryString("postgres", "SELECT timeline_id FROM pg_control_checkpoint()"));
            breakFacts.put(BreakKind.WRONG_TIMELINE.label(), "the primary failed over to timeline 2 after the "
                    + "base backup; the restore is held on timeline 1 (recovery_target_timeline = '1')");
        }
        PgServer last = newest;
        Map<String, TableFacts> primaryFacts = progress.step("primary facts", () -> facts(last), TableFacts::describe);
        Instant outageAt = progress.step("outage (immediate stop)", () -> {
            last.stop(ShutdownMode.IMMEDIATE);
            return Instant.now();
        }, t -> "at " + t);
        if (breaks.contains(BreakKind.WAL_GAP) || breaks.contains(BreakKind.CORRUPT_WAL)) {
            progress.step("break the archive before the restore", () -> ArchiveBreaks.apply(archive, breaks), s -> s);
        }
        PgServer restored = progress.step("restore from base backup + archive", () -> restore(bin),
                r -> "127.0.0.1:" + r.port() + ", timeline " + r.queryString("postgres",
                        "SELECT timeline_id FROM pg_control_checkpoint()"));
        progress.step("repoint the wiki to the restored server",
                () -> wiki.repoint(restored.jdbcUrl(DATABASE), "postgres", ""));
        Map<String, TableFacts> restoredFacts = progress.step("restored facts", () -> facts(restored),
                TableFacts::describe);
        if (breaks.contains(BreakKind.STALE_CACHE)) {
            List<String> stale = progress.step("break stale-cache: newer renderings in memcached",
                    () -> StaleCache.plant(wiki.baseUrl(), memcached.address(), restored, DATABASE, STALE_PAGES),
                    titles -> String.join(", ", titles));
            breakFacts.put(BreakKind.STALE_CACHE.label(), stale);
        }
        running.restored(restored, memcached, wiki);
        DemoFacts facts = new DemoFacts(generated, editsAfterBackup, outageAt, primaryFacts, restoredFacts, breaks,
                breakFacts);
        return new DemoStack(layout.withServers(bin.binDir(), maxDataLoss()), running, facts);
    }

    /** The wiki's options; the broken-page break makes the newest generated page fail with a 500 error page. */
    private WikiServer.Options wikiOptions(PgServer primary) {
        WikiServer.Options options = WikiServer.Options.of(primary.jdbcUrl(DATABASE), "postgres", "")
                .withMemcached(wikiMemcached());
        if (breaks.contains(BreakKind.BROKEN_PAGE)) {
            // The newest page stays among the newest (edits after the backup + 1) pages, which the demo's
            // pages.recent (100) covers: the break is always in the checked set.
            String broken = primary.queryString(DATABASE,
                    "SELECT propercased_name FROM curPages ORDER BY editTime DESC LIMIT 1");
            breakFacts.put(BreakKind.BROKEN_PAGE.label(), broken);
            options = options.withBrokenPage(broken);
        }
        return options;
    }

    /**
     * The memcached the wiki talks to. Under {@code --break memcached-port} it is a free port where nothing
     * listens, while the site config still names the real memcached: the classic wrong-port restore.
     */
    private String wikiMemcached() {
        if (breaks.contains(BreakKind.MEMCACHED_PORT)) {
            return "127.0.0.1:" + io.restorecheck.lab.FreePorts.unused();
        }
        return memcached.address();
    }

    private PgServer startPrimary(PgBinaries bin, DemoOptions options) {
        try {
            Files.createDirectories(archive);
        } catch (IOException e) {
            throw new LabException("cannot create " + archive, e);
        }
        Map<String, String> settings = new LinkedHashMap<>(Archiving.primarySettings(archive));
        // As PostgreSQL's documentation and backup tools do: each finished segment compressed into the archive.
        options.compress().ifPresent(c -> settings.put("archive_command",
                ShellCommands.compressingArchiveCommand(archive, c.label())));
        settings.putAll(TUNED);
        PgCluster cluster = PgCluster.init(bin, workDir.resolve("primary"), settings);
        try {
            // The old server's postgresql.conf, as the operator would have kept it: the expected settings.
            Files.copy(cluster.dataDir().resolve("postgresql.conf"), expectedSettings);
        } catch (IOException e) {
            throw new LabException("cannot keep a copy of the primary's postgresql.conf", e);
        }
        PgServer primary = running.track(cluster.start("primary"));
        primary.createDatabase(DATABASE);
        return primary;
    }

    private WikiData.Counts generate(PgServer primary, DemoOptions options) {
        try (Connection c = primary.connect(DATABASE)) {
            WikiSchema.create(c);
            return WikiData.generate(c, options.pages(), options.seed());
        } catch (SQLException e) {
            throw new LabException("cannot generate the wiki on " + primary + ": " + e.getMessage(), e);
        }
    }

    private int editAfterBackup(PgServer primary, DemoOptions options) {
        List<String> titles = new ArrayList<>();
        try (Connection c = primary.connect(DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT propercased_name FROM curPages ORDER BY name")) {
            while (rs.next()) {
                titles.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new LabException("cannot list pages on " + primary + ": " + e.getMessage(), e);
        }
        int edits = Math.max(6, Math.min(60, titles.size() / 40));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        java.util.Random random = new java.util.Random(options.seed() + 1);
        for (int i = 0; i < edits; i++) {
            String title = titles.get(random.nextInt(titles.size()));
            String text = "== Edited after the base backup ==\nEdit " + (i + 1) + " of " + edits
                    + " made through the wiki after the base backup; marker rc-edit:" + (i + 1) + ".\n\nSee [["
                    + titles.get(random.nextInt(titles.size())) + "]] and [[" + WikiData.MAIN_PAGE + "]].";
            post(http, URI.create(wiki.baseUrl() + WikiServer.pagePath(title) + "?action=edit&user=demo"), text);
            if ((i + 1) % Math.max(1, edits / EDIT_BATCHES) == 0 && i + 1 < edits) {
                primary.queryString("postgres", "SELECT pg_switch_wal()");
                if (i + 1 + Math.max(1, edits / EDIT_BATCHES) >= edits) {
                    beforeLastBatch(primary);
                }
            }
        }
        return edits;
    }

    static void post(HttpClient http, URI uri, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new LabException("edit " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new LabException("edit " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    /**
     * The last batch of edits is where the integrity breaks strike: {@code stop-early} notes a recovery target
     * just before it; {@code lose-wal-tail} lets everything so far reach the archive, then sends the primary's
     * segments elsewhere and pauses, so the archive ends {@link LostWalTail#PAUSE} or more before the outage.
     */
    private void beforeLastBatch(PgServer primary) {
        if (breaks.contains(BreakKind.STOP_EARLY)) {
            stopEarlyTarget = primary.queryString("postgres", "SELECT now()::text");
            sleepMillis(100);
        }
        if (breaks.contains(BreakKind.LOSE_WAL_TAIL)) {
            LostWalTail.strike(primary, workDir);
        }
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    /** The max-data-loss the site config states: tight under {@code lose-wal-tail}, whose loss exceeds it. */
    private String maxDataLoss() {
        return breaks.contains(BreakKind.LOSE_WAL_TAIL) ? LostWalTail.MAX_DATA_LOSS : "5m";
    }

    private PgServer restore(PgBinaries bin) {
        Optional<Path> archiveTo = breaks.contains(BreakKind.ARCHIVING_OFF) ? Optional.empty()
                : Optional.of(restoredArchive);
        Optional<String> target = breaks.contains(BreakKind.STOP_EARLY) ? Optional.ofNullable(stopEarlyTarget)
                : Optional.empty();
        PgCluster cluster = Restore.prepare(bin, baseBackup, workDir.resolve("restored"),
                new Restore.Options(archive, archiveTo, target));
        if (breaks.contains(BreakKind.SETTINGS_DRIFT)) {
            DroppedSettings.strike(cluster.dataDir().resolve("postgresql.conf"), TUNED.keySet());
        }
        if (breaks.contains(BreakKind.WRONG_TIMELINE)) {
            WrongTimeline.holdOnTimelineOne(cluster);
        }
        return running.track(Restore.startAndPromote(cluster, "restored", RECOVERY_TIMEOUT));
    }

    private static Map<String, TableFacts> facts(PgServer server) {
        try (Connection c = server.connect(DATABASE)) {
            return TableFacts.read(c);
        } catch (SQLException e) {
            throw new LabException("cannot read table facts on " + server + ": " + e.getMessage(), e);
        }
    }
}
