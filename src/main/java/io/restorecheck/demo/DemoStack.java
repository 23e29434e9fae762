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
import io.restorecheck.lab.Processes;
import io.restorecheck.lab.Restore;
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
 * repointed. The result is the restored stack, still running, and the facts the demo knows to be true.
 */
public final class DemoStack implements AutoCloseable {
    static final String DATABASE = "wiki";
    /** Tuned settings of the old server's postgresql.conf: the restored server must carry them too. */
    static final Map<String, String> TUNED = Map.of("shared_buffers", "64MB", "work_mem", "8MB",
            "random_page_cost", "1.1", "effective_cache_size", "512MB");
    private static final Duration ARCHIVE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);
    /** Edits after the base backup come in batches with a WAL switch between them, so they span segments. */
    private static final int EDIT_BATCHES = 3;
    /** Pages whose cached HTML the stale-cache break replaces by a newer revision's. */
    private static final int STALE_PAGES = 3;
    /** Under lose-wal-tail the archive's last commit is at least this long before the outage... */
    private static final Duration LOST_TAIL_PAUSE = Duration.ofSeconds(4);
    /** ...which exceeds the max-data-loss written for that break. */
    private static final String LOST_TAIL_MAX_DATA_LOSS = "2s";

    private final Path workDir;
    private final List<AutoCloseable> open = new ArrayList<>();
    final Path archive;
    final Path restoredArchive;
    final Path baseBackup;
    final Path expectedSettings;
    /** The binaries every server of the story ran; the site config hands them to the reference replay. */
    PgBinaries binaries;
    Memcached memcached;
    WikiServer wiki;
    PgServer restored;
    WikiData.Counts generated;
    int editsAfterBackup;
    Instant outageAt;
    Map<String, TableFacts> primaryFacts;
    Map<String, TableFacts> restoredFacts;
    java.util.Set<BreakKind> breaks = java.util.Set.of();
    /** What each break did (e.g. which page it broke), for the report's demo metrics. */
    final Map<String, Object> breakFacts = new LinkedHashMap<>();
    /** Under stop-early: a time after the first batches of edits and before the last. */
    String stopEarlyTarget;

    private DemoStack(Path workDir) {
        this.workDir = workDir;
        this.archive = workDir.resolve("wal-archive");
        this.restoredArchive = workDir.resolve("wal-archive-restored");
        this.baseBackup = workDir.resolve("base-backup");
        this.expectedSettings = workDir.resolve("old-postgresql.conf");
    }

    /** Builds the restored stack step by step, printing one progress line per step. */
    public static DemoStack build(DemoOptions options, Progress progress) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("restorecheck-demo-");
        } catch (IOException e) {
            throw new LabException("cannot create a work folder in " + System.getProperty("java.io.tmpdir"), e);
        }
        DemoStack stack = new DemoStack(workDir);
        try {
            stack.run(options, progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void run(DemoOptions options, Progress progress) {
        breaks = java.util.Set.copyOf(options.breaks());
        PgBinaries bin = progress.step("PostgreSQL binaries", options::binaries,
                b -> "PostgreSQL " + b.major() + " (" + b.binDir() + ")");
        binaries = bin;
        PgServer primary = progress.step("primary with WAL archiving", () -> startPrimary(bin),
                p -> "127.0.0.1:" + p.port() + ", archive " + archive);
        memcached = progress.step("memcached", () -> track(Memcached.start(MemcachedOptions.defaults())),
                Memcached::address);
        generated = progress.step("wiki data", () -> generate(primary, options),
                c -> c.pages() + " pages, " + c.revisions() + " revisions");
        wiki = progress.step("wiki server", () -> track(WikiServer.start(wikiOptions(primary))),
                WikiServer::baseUrl);
        progress.step("base backup", () -> BaseBackup.take(primary, baseBackup, "restorecheck-demo"),
                r -> "start " + r.startLsn() + ", stop " + r.stopLsn());
        editsAfterBackup = progress.step("edits after the backup (via the wiki)", () -> editAfterBackup(primary,
                options), n -> n + " edits in " + EDIT_BATCHES + " segments");
        progress.step("wait until archived", () -> Archiving.switchAndAwaitArchived(primary, ARCHIVE_TIMEOUT),
                s -> "last segment " + s);
        primaryFacts = progress.step("primary facts", () -> facts(primary), TableFacts::describe);
        outageAt = progress.step("outage (immediate stop)", () -> {
            primary.stop(ShutdownMode.IMMEDIATE);
            return Instant.now();
        }, t -> "at " + t);
        if (breaks.contains(BreakKind.WAL_GAP) || breaks.contains(BreakKind.CORRUPT_WAL)) {
            progress.step("break the archive before the restore", () -> ArchiveBreaks.apply(archive, breaks), s -> s);
        }
        restored = progress.step("restore from base backup + archive", () -> restore(bin),
                r -> "127.0.0.1:" + r.port() + ", timeline " + r.queryString("postgres",
                        "SELECT timeline_id FROM pg_control_checkpoint()"));
        progress.step("repoint the wiki to the restored server",
                () -> wiki.repoint(restored.jdbcUrl(DATABASE), "postgres", ""));
        restoredFacts = progress.step("restored facts", () -> facts(restored), TableFacts::describe);
        if (breaks.contains(BreakKind.STALE_CACHE)) {
            List<String> stale = progress.step("break stale-cache: newer renderings in memcached",
                    () -> StaleCache.plant(wiki.baseUrl(), memcached.address(), restored, DATABASE, STALE_PAGES),
                    titles -> String.join(", ", titles));
            breakFacts.put(BreakKind.STALE_CACHE.label(), stale);
        }
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

    private PgServer startPrimary(PgBinaries bin) {
        try {
            Files.createDirectories(archive);
        } catch (IOException e) {
            throw new LabException("cannot create " + archive, e);
        }
        Map<String, String> settings = new LinkedHashMap<>(Archiving.primarySettings(archive));
        settings.putAll(TUNED);
        PgCluster cluster = PgCluster.init(bin, workDir.resolve("primary"), settings);
        try {
            // The old server's postgresql.conf, as the operator would have kept it: the expected settings.
            Files.copy(cluster.dataDir().resolve("postgresql.conf"), expectedSettings);
        } catch (IOException e) {
            throw new LabException("cannot keep a copy of the primary's postgresql.conf", e);
        }
        PgServer primary = track(cluster.start("primary"));
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

    private static void post(HttpClient http, URI uri, String body) {
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
     * segments elsewhere and pauses, so the archive ends {@link #LOST_TAIL_PAUSE} or more before the outage.
     */
    private void beforeLastBatch(PgServer primary) {
        if (breaks.contains(BreakKind.STOP_EARLY)) {
            stopEarlyTarget = primary.queryString("postgres", "SELECT now()::text");
            sleepMillis(100);
        }
        if (breaks.contains(BreakKind.LOSE_WAL_TAIL)) {
            Archiving.switchAndAwaitArchived(primary, ARCHIVE_TIMEOUT);
            Path lost = workDir.resolve("wal-never-archived");
            try {
                Files.createDirectories(lost);
            } catch (IOException e) {
                throw new LabException("cannot create " + lost, e);
            }
            primary.execute("postgres", "ALTER SYSTEM SET archive_command = '"
                    + Restore.archiveCommand(lost).replace("'", "''") + "'");
            primary.queryString("postgres", "SELECT pg_reload_conf()");
            sleepMillis(LOST_TAIL_PAUSE.toMillis());
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    /** The max-data-loss the site config states: tight under {@code lose-wal-tail}, whose loss exceeds it. */
    String maxDataLoss() {
        return breaks.contains(BreakKind.LOSE_WAL_TAIL) ? LOST_TAIL_MAX_DATA_LOSS : "5m";
    }

    private PgServer restore(PgBinaries bin) {
        Optional<Path> archiveTo = breaks.contains(BreakKind.ARCHIVING_OFF) ? Optional.empty()
                : Optional.of(restoredArchive);
        Optional<String> target = breaks.contains(BreakKind.STOP_EARLY) ? Optional.ofNullable(stopEarlyTarget)
                : Optional.empty();
        PgCluster cluster = Restore.prepare(bin, baseBackup, workDir.resolve("restored"),
                new Restore.Options(archive, archiveTo, target));
        if (breaks.contains(BreakKind.SETTINGS_DRIFT)) {
            dropTunedSettings(cluster.dataDir().resolve("postgresql.conf"));
        }
        return track(Restore.startAndPromote(cluster, "restored", RECOVERY_TIMEOUT));
    }

    /** The restored host got a stock postgresql.conf: the tuned lines of the old one are commented out. */
    private static void dropTunedSettings(Path conf) {
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(conf)) {
                String key = line.trim().split("[\\s=]", 2)[0].toLowerCase(java.util.Locale.ROOT);
                lines.add(TUNED.containsKey(key) ? "#" + line + "   # dropped by --break settings-drift" : line);
            }
            Files.write(conf, lines);
        } catch (IOException e) {
            throw new LabException("cannot rewrite " + conf, e);
        }
    }

    private static Map<String, TableFacts> facts(PgServer server) {
        try (Connection c = server.connect(DATABASE)) {
            return TableFacts.read(c);
        } catch (SQLException e) {
            throw new LabException("cannot read table facts on " + server + ": " + e.getMessage(), e);
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** Writes the site config of the restored stack (as the demo and the lab do) and returns its path. */
    public Path writeSiteConfig(Path file) {
        return DemoSiteConfig.write(file, siteConfigStack());
    }

    /** Puts a restarted process in the place of the one it replaces, so {@link #close} stops the right one. */
    <T extends AutoCloseable> T replace(AutoCloseable old, T fresh) {
        int at = open.indexOf(old);
        if (at < 0) {
            open.add(fresh);
        } else {
            open.set(at, fresh);
        }
        return fresh;
    }

    /** What the site config of the restored stack says (DemoSiteConfig writes it). */
    DemoSiteConfig.Stack siteConfigStack() {
        return new DemoSiteConfig.Stack(wiki.baseUrl(), restored.jdbcUrl(DATABASE), memcached.address(), archive,
                baseBackup, expectedSettings, maxDataLoss(), binaries.binDir());
    }

    /**
     * What the demo knows about its stack, handed to the suites by name ({@link
     * io.restorecheck.suites.SuiteContext#option}); suites must work without it, as they do under {@code accept}.
     */
    public Map<String, Object> suiteOptions() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("demo.breaks", breaks);
        o.put("demo.work-dir", workDir);
        return o;
    }

    public Path workDir() {
        return workDir;
    }

    /** Stops every process (newest first) and deletes the work folder. */
    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                System.err.println("restorecheck: stopping " + open.get(i) + " failed: " + e.getMessage());
            }
        }
        open.clear();
        Processes.deleteTree(workDir);
    }
}
