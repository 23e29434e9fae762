package io.restorecheck.drill;

import io.restorecheck.config.DrillSection;
import io.restorecheck.integrity.BaseBackups;
import io.restorecheck.integrity.ReadOnlySessions;
import io.restorecheck.lab.LabException;
import io.restorecheck.lab.OsUser;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import io.restorecheck.lab.ShellCommands;
import io.restorecheck.report.Progress;
import io.restorecheck.wal.Lsn;
import io.restorecheck.wal.SegmentName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The throwaway server of the drill: the newest base backup restored into a temp folder, started with the
 * backup's major, recovering through the archive folder or the user's restore command, archiving off, to the end
 * of the archive and promoted. Measures each phase from the server's own log. {@link #close()} (or a shutdown
 * hook on Ctrl-C) stops it and removes the folder; the backup and the archive are only read.
 */
final class DrillServer implements AutoCloseable {
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final Path workDir;
    private final Thread cleanupHook;
    private volatile PgServer server;
    private String database;
    private String user;
    Result result;

    /** What the restore achieved, read after promotion. */
    record Result(String backup, int major, String binaries, Phases phases, long walBytes, String redoStartLsn,
                  String redoEndLsn, Optional<Instant> lastCommit, Optional<Instant> backupStart, int timeline,
                  int segmentSize, String firstUnfetchedSegment, Instant promotedAt, Path logFile) {
        /** Replay speed over the redo phases, in MB/s (10^6 bytes). */
        double replayMbPerSecond() {
            double s = phases.redoSeconds();
            return s <= 0 ? walBytes / 1e6 / 0.001 : walBytes / 1e6 / s;
        }
    }

    private DrillServer(Path workDir) {
        this.workDir = workDir;
        this.cleanupHook = new Thread(this::cleanup, "restorecheck-drill-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    /** Restores, replays and promotes; throws {@link DrillFailure} with the evidence when it cannot. */
    static DrillServer restore(DrillSection drill, String database, String user, Progress progress) {
        Path work;
        try {
            Path parent = drill.workDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(parent);
            work = Files.createTempDirectory(parent, "restorecheck-drill-");
        } catch (IOException e) {
            throw new DrillFailure("cannot create the drill's work folder: " + e.getMessage(), e);
        }
        DrillServer s = new DrillServer(work);
        try {
            s.run(drill, database, user, progress);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e instanceof DrillFailure ? e : new DrillFailure(e.getMessage(), e);
        }
    }

    private void run(DrillSection drill, String database, String user, Progress progress) {
        this.database = database;
        this.user = user;
        Path dataDir = workDir.resolve("data");
        long f0 = System.nanoTime();
        String backup = progress.step("drill: fetch the newest base backup",
                () -> BackupSource.materialise(drill, dataDir, workDir.resolve("tablespaces"), workDir), d -> d);
        double fetchSeconds = (System.nanoTime() - f0) / 1e9;
        int major;
        try {
            major = BaseBackups.major(dataDir);
        } catch (IOException e) {
            throw new DrillFailure("the restored backup has no readable PG_VERSION: " + e.getMessage(), e);
        }
        PgBinaries binaries = binaries(major, drill.postgresBin());
        Optional<Instant> backupStart = BackupSource.backupStart(dataDir);
        prepare(dataDir);
        PgCluster cluster = PgCluster.existing(binaries, dataDir);
        Optional<OsUser> owner = archiveOwner(drill);
        if (owner.isPresent()) {
            // As root: the copy's cp restore_command reads the archive with the server's rights, so the server
            // runs as the archive's owner (the reference replay does the same), on a copy that is theirs.
            try {
                owner.get().takeOver(workDir);
                binaries = owner.get().runnable(binaries, workDir.resolve("postgres-" + major));
            } catch (IOException | LabException e) {
                throw new DrillFailure("cannot prepare the drill copy for " + owner.get() + ", the owner of the WAL "
                        + "archive: " + e.getMessage(), e);
            }
            cluster = PgCluster.existing(binaries, dataDir).runningAs(owner.get());
        }
        PgCluster starting = cluster;
        Instant launched = Instant.now();
        long deadline = System.nanoTime() + drill.giveUpAfter().toNanos();
        server = progress.step("drill: start PostgreSQL " + major + " until consistent",
                () -> starting.start("drill", settings(drill)), p -> "127.0.0.1:" + p.port()
                        + owner.map(o -> ", as " + o).orElse(""));
        Optional<Instant> polledCommit = progress.step("drill: replay to the end and promote",
                () -> awaitPromotion(progress, deadline), c -> "last commit " + c.map(Instant::toString).orElse("none"));
        Instant promotedAt = Instant.now();
        RecoveryLog log = RecoveryLog.read(server.logFile());
        Phases phases = Phases.of(fetchSeconds, launched, log, promotedAt);
        int segmentSize = segmentSize();
        String startLsn = log.redoStarts().map(RecoveryLog.Event::lsn).orElse(null);
        String endLsn = log.redoDone().map(RecoveryLog.Event::lsn).orElse(null);
        long bytes = startLsn == null || endLsn == null ? 0 : Math.max(0, Lsn.parse(endLsn) - Lsn.parse(startLsn));
        int timeline = log.newTimeline().map(t -> t - 1).orElse(1);
        String unfetched = endLsn == null ? null
                : SegmentName.fileName(timeline, Lsn.parse(endLsn) / segmentSize + 1, segmentSize);
        result = new Result(backup, major, binaries.toString(), phases, bytes, startLsn, endLsn,
                log.lastCommit().or(() -> polledCommit), backupStart, timeline, segmentSize, unfetched, promotedAt,
                server.logFile());
    }

    /** As root with a folder archive owned by someone else: that owner; else the server runs as today. */
    private static Optional<OsUser> archiveOwner(DrillSection drill) {
        if (!OsUser.currentIsRoot() || drill.restoreCommand().isPresent()) {
            return Optional.empty();
        }
        try {
            return OsUser.nonRootOwnerOf(drill.walArchive().orElseThrow());
        } catch (IOException e) {
            throw new DrillFailure("cannot read the owner of the WAL archive " + drill.walArchive().orElseThrow()
                    + ": " + e.getMessage(), e);
        }
    }

    private static PgBinaries binaries(int major, Optional<Path> configured) {
        if (configured.isPresent()) {
            PgBinaries b;
            try {
                b = PgBinaries.at(configured.get());
            } catch (LabException e) {
                throw new DrillFailure("drill.postgres-bin: " + e.getMessage(), e);
            }
            if (b.major() != major) {
                throw new DrillFailure("the base backup is PostgreSQL " + major + " (PG_VERSION) but drill.postgres-bin "
                        + configured.get() + " is " + b.version(), null);
            }
            return b;
        }
        try {
            return PgBinaries.forMajor(major);
        } catch (LabException e) {
            throw new DrillFailure("the base backup is PostgreSQL " + major + " (PG_VERSION) and its binaries are not "
                    + "at hand: " + e.getMessage() + "; set drill.postgres-bin to a PostgreSQL " + major
                    + " bin folder", e);
        }
    }

    /** Recovery mode and our own authentication files, whatever the old host required. */
    private void prepare(Path dataDir) {
        try {
            for (String stale : List.of("postmaster.pid", "postmaster.opts", "standby.signal")) {
                Files.deleteIfExists(dataDir.resolve(stale));
            }
            Files.createDirectories(dataDir.resolve("pg_wal/archive_status"));
            Files.writeString(dataDir.resolve("recovery.signal"), "");
            if (!Files.exists(dataDir.resolve("postgresql.conf"))) {
                Files.writeString(dataDir.resolve("postgresql.conf"), "# written by restorecheck for the drill\n");
            }
            Files.writeString(workDir.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
            Files.writeString(workDir.resolve("pg_ident.conf"), "");
        } catch (IOException e) {
            throw new DrillFailure("cannot prepare the drill data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Host settings on the command line win over the backup's postgresql.conf and postgresql.auto.conf. */
    private Map<String, String> settings(DrillSection drill) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("data_directory", workDir.resolve("data").toString());
        s.put("hba_file", workDir.resolve("pg_hba.conf").toString());
        s.put("ident_file", workDir.resolve("pg_ident.conf").toString());
        s.put("restore_command", restoreCommand(drill));
        s.put("archive_mode", "off");
        s.put("recovery_target_timeline", "latest");
        s.put("hot_standby", "on");
        s.put("external_pid_file", "");
        s.put("logging_collector", "off");
        s.put("log_destination", "stderr");
        s.put("log_min_messages", "warning");
        // RecoveryLog reads phase times and positions from these lines: one shape on every host.
        s.put("log_line_prefix", "%m [%p] ");
        s.put("log_timezone", "UTC");
        s.put("TimeZone", "UTC");
        s.put("lc_messages", "C");
        s.put("ssl", "off");
        s.put("shared_preload_libraries", "");
        s.put("huge_pages", "off");
        // A throwaway copy: durability buys nothing. Replay speed is measured with fsync off, as a restore
        // to a fresh host usually runs (say so when comparing with a real outage).
        s.put("fsync", "off");
        s.put("synchronous_commit", "off");
        return s;
    }

    /**
     * The user's restore command with {@code %d} naming the drill's data folder (tools such as pgbackrest check
     * that their --pg1-path is the server's), or a copy from the archive folder.
     */
    String restoreCommand(DrillSection drill) {
        return drill.restoreCommand().map(c -> c.replace("%d", Shell.quote(workDir.resolve("data").toString())))
                .orElseGet(() -> ShellCommands.restoreCommand(drill.walArchive().orElseThrow()));
    }

    private Optional<Instant> awaitPromotion(Progress progress, long deadline) {
        String lastLsn = null;
        Instant lastCommit = null;
        long lastAdvance = System.nanoTime();
        long lastPrint = System.nanoTime();
        while (true) {
            if (!server.isRunning()) {
                throw new DrillFailure("the drill server exited during recovery; log " + server.logFile() + ":\n"
                        + Processes.tail(server.logFile(), 20), null);
            }
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, "
                         + "pg_last_xact_replay_timestamp()")) {
                rs.next();
                Timestamp t = rs.getTimestamp(3);
                if (t != null) {
                    lastCommit = t.toInstant();
                }
                if (!rs.getBoolean(1)) {
                    return Optional.ofNullable(lastCommit);
                }
                String lsn = rs.getString(2);
                if (lsn != null && !lsn.equals(lastLsn)) {
                    lastLsn = lsn;
                    lastAdvance = System.nanoTime();
                }
                if (System.nanoTime() - lastPrint > PROGRESS_EVERY.toNanos()) {
                    progress.note("drill: replaying, at " + lsn + (t == null ? "" : ", commits up to " + t.toInstant()));
                    lastPrint = System.nanoTime();
                }
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (state.equals("3D000") || state.startsWith("28")) {
                    // The server answers but the site's database or role is not in this backup: waiting won't help.
                    throw new DrillFailure("the drill copy answers but refuses " + user + "@" + database + ": "
                            + e.getMessage() + " (is database.url the primary this backup was taken from?)", e);
                }
                // Not consistent yet, or switching to the new timeline: try again.
            }
            if (System.nanoTime() - lastAdvance > STALL_TIMEOUT.toNanos()) {
                throw new DrillFailure("replay made no progress for " + STALL_TIMEOUT.toMinutes() + " min (at "
                        + lastLsn + "); log " + server.logFile() + ":\n" + Processes.tail(server.logFile(), 15), null);
            }
            if (System.nanoTime() > deadline) {
                throw new DrillFailure("still in recovery at drill.give-up-after (at " + lastLsn + "); log "
                        + server.logFile() + ":\n" + Processes.tail(server.logFile(), 15), null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DrillFailure("interrupted during the drill's replay", e);
            }
        }
    }

    private int segmentSize() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT setting::int * CASE unit WHEN '8kB' THEN 8192 WHEN 'B' THEN 1 "
                     + "WHEN 'MB' THEN 1048576 ELSE 1 END FROM pg_settings WHERE name = 'wal_segment_size'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new DrillFailure("cannot read wal_segment_size on the drill server: " + e.getMessage(), e);
        }
    }

    /** A read-only session as the site's user on the drill copy of the site database. */
    Connection connect() throws SQLException {
        return ReadOnlySessions.open(server.jdbcUrl(database), user);
    }

    /**
     * A writable session as the copy's bootstrap superuser (whatever its name on the old host), for amcheck: the
     * copy is ours, so creating the extension there harms nothing.
     */
    Connection superuser() throws SQLException {
        String name;
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolname FROM pg_roles WHERE oid = 10")) {
            rs.next();
            name = rs.getString(1);
        }
        return server.connectAs(database, name);
    }

    Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        cleanup();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
        }
    }

    private synchronized void cleanup() {
        PgServer s = server;
        if (s != null) {
            s.close();
            server = null;
        }
        try {
            Processes.deleteTree(workDir);
        } catch (RuntimeException e) {
            System.err.println("restorecheck: could not remove the drill folder " + workDir + ": " + e.getMessage());
        }
    }
}
