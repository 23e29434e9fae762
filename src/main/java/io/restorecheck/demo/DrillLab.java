package io.restorecheck.demo;

import io.restorecheck.demo.wiki.WikiData;
import io.restorecheck.demo.wiki.WikiSchema;
import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.BaseBackup;
import io.restorecheck.lab.LabException;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import io.restorecheck.report.Progress;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sample stack of {@code drill --lab}: a live primary with WAL archiving and the sample wiki's tables, a base
 * backup, and a writer that keeps editing pages (one revision every 100 ms) before and during the drill, as a
 * live site does. Breaks are done to the lab's own backup and archive before the drill reads them.
 */
public final class DrillLab implements AutoCloseable {
    static final String DATABASE = "wiki";
    private static final int PAGE_SIZE = 8192;
    /** Segments close at least this often while edits go on, so the archive trails the primary by seconds. */
    private static final String ARCHIVE_TIMEOUT = "5s";
    private static final Duration ARCHIVE_WAIT = Duration.ofMinutes(2);
    private static final int SEGMENTS_AFTER_BACKUP = 4;

    private final Path workDir;
    private final Path archive;
    private final Path baseBackup;
    private PgServer primary;
    private Editor editor;
    private Set<DrillBreak> breaks = Set.of();
    /** What each break did, for the report. */
    private final Map<String, String> breakFacts = new LinkedHashMap<>();

    private final Thread cleanupHook = new Thread(this::close, "restorecheck-drill-lab-cleanup");

    private DrillLab(Path workDir) {
        this.workDir = workDir;
        // Ctrl-C: the primary is stopped with the other child processes; this removes the lab's folder too.
        Runtime.getRuntime().addShutdownHook(cleanupHook);
        this.archive = workDir.resolve("wal-archive");
        this.baseBackup = workDir.resolve("base-backup");
    }

    public static DrillLab build(int pages, Set<DrillBreak> breaks, Optional<Path> pgBin, int pgMajor,
                                 Progress progress) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("restorecheck-drill-lab-");
        } catch (IOException e) {
            throw new LabException("cannot create a work folder in " + System.getProperty("java.io.tmpdir"), e);
        }
        DrillLab lab = new DrillLab(workDir);
        try {
            lab.run(pages, breaks, pgBin, pgMajor, progress);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void run(int pages, Set<DrillBreak> breaks, Optional<Path> pgBin, int pgMajor, Progress progress) {
        this.breaks = Set.copyOf(breaks);
        PgBinaries bin = progress.step("PostgreSQL binaries", () -> pgBin.map(PgBinaries::at)
                .orElseGet(() -> PgBinaries.forMajor(pgMajor)), b -> "PostgreSQL " + b.major() + " (" + b.binDir() + ")");
        primary = progress.step("live primary with WAL archiving", () -> startPrimary(bin),
                p -> "127.0.0.1:" + p.port() + ", archive " + archive);
        progress.step("wiki data", () -> generate(pages), c -> c.pages() + " pages, " + c.revisions() + " revisions");
        progress.step("base backup", () -> BaseBackup.take(primary, baseBackup, "restorecheck-drill-lab"),
                r -> "start " + r.startLsn() + ", stop " + r.stopLsn());
        editor = Editor.start(primary.jdbcUrl(DATABASE));
        progress.step("edits after the backup (the primary stays live)", () -> {
            for (int i = 0; i < SEGMENTS_AFTER_BACKUP; i++) {
                sleep(700);
                primary.queryString("postgres", "SELECT pg_switch_wal()");
            }
            return Archiving.switchAndAwaitArchived(primary, ARCHIVE_WAIT);
        }, s -> editor.edits() + " edits so far, archived up to " + s);
        if (breaks.contains(DrillBreak.WAL_GAP)) {
            breakFacts.put("wal-gap", progress.step("break wal-gap: a segment removed from the archive",
                    () -> ArchiveBreaks.apply(archive, Set.of(BreakKind.WAL_GAP)), s -> s));
        }
        if (breaks.contains(DrillBreak.CORRUPT_BACKUP)) {
            breakFacts.put("corrupt-backup", progress.step("break corrupt-backup: a heap page of allPages",
                    this::corruptHeapPage, s -> s));
        }
    }

    private PgServer startPrimary(PgBinaries bin) {
        try {
            Files.createDirectories(archive);
        } catch (IOException e) {
            throw new LabException("cannot create " + archive, e);
        }
        Map<String, String> settings = new LinkedHashMap<>(Archiving.primarySettings(archive));
        settings.put("archive_timeout", ARCHIVE_TIMEOUT);
        // No vacuum rewrites an old page of allPages after the backup: a full-page image replayed onto it would
        // repair the page corrupt-backup damaged in the backup before amcheck could see it.
        settings.put("autovacuum", "off");
        PgServer p = PgCluster.init(bin, workDir.resolve("primary"), settings).start("primary");
        p.createDatabase(DATABASE);
        return p;
    }

    private WikiData.Counts generate(int pages) {
        try (Connection c = primary.connect(DATABASE)) {
            WikiSchema.create(c);
            return WikiData.generate(c, pages, 42);
        } catch (SQLException e) {
            throw new LabException("cannot generate the wiki on " + primary + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the first tuple of a middle block of allPages in the base backup an xmin beyond any transaction the
     * cluster ever had: a page that reads but lies, which only a heap check (verify_heapam) or a failed
     * visibility lookup reveals. The block is full and old, so no WAL record replayed after the backup touches it.
     */
    private String corruptHeapPage() {
        String file = primary.queryString(DATABASE, "SELECT pg_relation_filepath('allpages')");
        long blocks = Long.parseLong(primary.queryString(DATABASE, "SELECT pg_relation_size('allpages') / "
                + PAGE_SIZE));
        if (blocks < 3) {
            throw new LabException("allPages has only " + blocks + " blocks: too small to corrupt a middle one");
        }
        long block = blocks / 2;
        Path target = baseBackup.resolve(file);
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            byte[] page = new byte[PAGE_SIZE];
            f.seek(block * PAGE_SIZE);
            f.readFully(page);
            ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
            int itemId = b.getInt(24);
            int lpOff = itemId & 0x7FFF;
            if (lpOff < 24 || lpOff >= PAGE_SIZE - 8) {
                throw new LabException("block " + block + " of " + target + " has no usable first tuple");
            }
            b.putInt(lpOff, 0xFFFFFF00);
            f.seek(block * PAGE_SIZE);
            f.write(page);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot corrupt " + target, e);
        }
        return "xmin of the first tuple of block " + block + " of allPages (" + file + ") set to 4294967040";
    }

    /** The site config the drill runs on: the live primary, the lab's backup and archive, the break's budget. */
    public Path writeSiteConfig(Path file) {
        String budget = breaks.contains(DrillBreak.RESTORE_BUDGET) ? "100ms" : "10m";
        String text = """
                # Site config of 'restorecheck drill --lab' (written by the harness).
                # The drill needs no web site; site.base-url is required by the format and unused here.
                site     { base-url = "http://127.0.0.1:9" }
                database { url = %s, user = postgres }
                drill {
                  base-backup = %s
                  wal-archive = %s
                  tables = [
                    { name = allPages, key = [name, editTime], timestamp = "to_timestamp(editTime)", append-only = true }
                    { name = curPages, key = [name],           timestamp = "to_timestamp(editTime)" }
                  ]
                  max-restore-time = %s
                  max-data-loss = 2m
                  amcheck { max-time = 10m }
                }
                """.formatted(q(primary.jdbcUrl(DATABASE)), q(baseBackup.toString()), q(archive.toString()), budget);
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Facts for the report: edits made on the live primary and what each break did. */
    public Map<String, Object> facts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("edits_on_primary", editor == null ? 0 : editor.edits());
        if (editor != null && editor.failure != null) {
            m.put("editor_error", editor.failure);
        }
        m.put("breaks", new LinkedHashMap<>(breakFacts));
        return m;
    }

    private static String q(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        if (editor != null) {
            editor.close();
            editor = null;
        }
        if (primary != null) {
            primary.close();
            primary = null;
        }
        Processes.deleteTree(workDir);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException | SecurityException e) {
            // Already shutting down: this is the hook.
        }
    }

    /** The live site's writer: one page edit (a revision in allPages, the page in curPages) every 100 ms. */
    private static final class Editor implements AutoCloseable {
        private static final String EDIT = "WITH p AS (SELECT name FROM curPages ORDER BY random() LIMIT 1), "
                + "up AS (UPDATE curPages c SET text = c.text || E'\\n\\nEdited during the drill.', "
                + "editTime = round(extract(epoch FROM clock_timestamp())::numeric, 6)::double precision, "
                + "userEdited = 'drill-lab' FROM p WHERE c.name = p.name "
                + "RETURNING c.name, c.text, c.editTime, c.propercased_name) "
                + "INSERT INTO allPages (name, text, editTime, userEdited, edittype, comment, propercased_name) "
                + "SELECT name, text, editTime, 'drill-lab', 'SAVE', 'edit during the drill', propercased_name FROM up";
        private final Thread thread;
        private final String url;
        private volatile boolean stop;
        private volatile int edits;
        private volatile String failure;

        private Editor(String url) {
            this.url = url;
            this.thread = new Thread(this::loop, "restorecheck-drill-lab-editor");
            thread.setDaemon(true);
        }

        static Editor start(String url) {
            Editor e = new Editor(url);
            e.thread.start();
            return e;
        }

        int edits() {
            return edits;
        }

        private void loop() {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("user", "postgres");
            while (!stop) {
                try (Connection c = java.sql.DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
                    while (!stop) {
                        s.execute(EDIT);
                        edits++;
                        Thread.sleep(100);
                    }
                } catch (SQLException e) {
                    failure = e.getMessage();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException ie) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            stop = true;
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
