package io.restorecheck.integrity;

import io.restorecheck.lab.LabException;
import io.restorecheck.lab.OsUser;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import io.restorecheck.lab.ShellCommands;
import io.restorecheck.report.Progress;
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
import java.util.Objects;
import java.util.Optional;

/**
 * The reference: what the base backup plus the WAL archive really hold. A throwaway PostgreSQL of the backup's
 * major version, in its own temp folder, recovers from a copy of the base backup with a restore_command that only
 * reads the archive, archiving off, to the end of the archive, and is promoted. {@link #close()} (or a shutdown
 * hook on Ctrl-C) stops it and removes the folder. Neither the archive nor the base backup is ever written.
 */
public final class ReferenceReplay implements AutoCloseable {
    /** Replay that makes no progress for this long is given up. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** How long one error other than "not yet accepting connections" may last before it is the answer. */
    private static final Duration PERSISTENT_ERROR = Duration.ofSeconds(30);
    private static final String NOT_YET_ACCEPTING = "57P03";

    private final Path workDir;
    private final Thread cleanupHook;
    private volatile PgServer server;
    private String database;
    private String user;
    private Instant lastReplayedCommit;
    private String endLsn;
    private String timeline;
    private double replaySeconds;
    private String describedBackup;
    private PgBinaries binaries;

    private ReferenceReplay(Path workDir) {
        this.workDir = workDir;
        this.cleanupHook = new Thread(this::cleanup, "restorecheck-reference-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    /** Where to replay from and how to connect afterwards. */
    public record Source(Path baseBackup, Path archive, Optional<Path> postgresBin, String database, String user) {
    }

    /** The replay cannot run here: names what is needed (e.g. binaries of the backup's major). */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Builds the reference and waits until it has replayed the whole archive and was promoted. */
    public static ReferenceReplay start(Source source, Progress progress) {
        Path work;
        try {
            work = Files.createTempDirectory("restorecheck-reference-");
        } catch (IOException e) {
            throw new Unavailable("cannot create a temp folder for the reference replay in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        ReferenceReplay replay = new ReferenceReplay(work);
        try {
            replay.run(source, progress);
            return replay;
        } catch (RuntimeException e) {
            replay.close();
            throw e;
        }
    }

    private void run(Source source, Progress progress) {
        if (!Files.isDirectory(source.archive())) {
            throw new Unavailable("the WAL archive " + source.archive() + " is not a folder", null);
        }
        ReplayUser.requireReadableByUs(source.baseBackup(), source.archive());
        Optional<OsUser> owner = ReplayUser.choose(source.archive(), source.baseBackup());
        owner.ifPresent(o -> ReplayUser.requireArchiveReadableBy(o, source.archive()));
        Path dataDir = workDir.resolve("data");
        describedBackup = progress.step("reference: copy base backup", () -> {
            try {
                return BaseBackupCopy.materialise(source.baseBackup(), dataDir, workDir.resolve("tablespaces"));
            } catch (IOException e) {
                throw new Unavailable("cannot read the base backup " + source.baseBackup() + ": " + e.getMessage(), e);
            }
        }, d -> d);
        int major;
        try {
            major = BaseBackupCopy.parseMajor(Files.readString(dataDir.resolve("PG_VERSION")),
                    dataDir.resolve("PG_VERSION"));
        } catch (IOException e) {
            throw new Unavailable("the base backup " + source.baseBackup() + " has no readable PG_VERSION: "
                    + e.getMessage(), e);
        }
        binaries = binariesFor(major, source.postgresBin());
        prepare(dataDir, source.archive());
        this.database = source.database();
        this.user = source.user();
        PgCluster cluster = PgCluster.existing(binaries, dataDir);
        if (owner.isPresent()) {
            // As root: the server runs as the files' owner, so the copy and our config files become theirs.
            try {
                owner.get().takeOver(workDir);
            } catch (IOException e) {
                throw new Unavailable("cannot give the reference folder " + workDir + " to " + owner.get() + ": "
                        + e.getMessage(), e);
            }
            binaries = ReplayUser.runnableBy(owner.get(), binaries, workDir);
            cluster = PgCluster.existing(binaries, dataDir).runningAs(owner.get());
        }
        PgCluster started = cluster;
        long t0 = System.nanoTime();
        server = progress.step("reference: start PostgreSQL " + binaries.major(), () -> started.start("reference",
                commandLine(source.archive())), s -> "127.0.0.1:" + s.port() + ", " + binaries.binDir()
                + owner.map(o -> ", as " + o).orElse(""));
        progress.step("reference: replay the archive to its end", () -> {
            awaitPromotion(progress);
            return null;
        }, r -> "end " + endLsn + ", timeline " + timeline + ", last commit " + (lastReplayedCommit == null
                ? "none" : lastReplayedCommit));
        replaySeconds = (System.nanoTime() - t0) / 1e9;
    }

    static PgBinaries binariesFor(int major, Optional<Path> configured) {
        if (configured.isPresent()) {
            PgBinaries b;
            try {
                b = PgBinaries.at(configured.get());
            } catch (LabException e) {
                throw new Unavailable("integrity.postgres-bin: " + e.getMessage(), e);
            }
            if (b.major() != major) {
                throw new Unavailable("the base backup is PostgreSQL " + major + " (PG_VERSION) but integrity"
                        + ".postgres-bin " + configured.get() + " is " + b.version() + "; point it at PostgreSQL "
                        + major + " binaries", null);
            }
            return b;
        }
        try {
            return PgBinaries.forMajor(major);
        } catch (LabException e) {
            throw new Unavailable("the base backup is PostgreSQL " + major + " (PG_VERSION) and its binaries are not "
                    + "at hand: " + e.getMessage() + "; set integrity.postgres-bin to a PostgreSQL " + major
                    + " bin folder (with initdb and postgres)", e);
        }
    }

    /** Recovery mode, and our own authentication files so we can connect whatever the old host required. */
    private void prepare(Path dataDir, Path archive) {
        try {
            for (String stale : List.of("postmaster.pid", "postmaster.opts", "standby.signal")) {
                Files.deleteIfExists(dataDir.resolve(stale));
            }
            Files.createDirectories(dataDir.resolve("pg_wal/archive_status"));
            Files.writeString(dataDir.resolve("recovery.signal"), "");
            if (!Files.exists(dataDir.resolve("postgresql.conf"))) {
                // Debian-style hosts keep postgresql.conf outside the data directory.
                Files.writeString(dataDir.resolve("postgresql.conf"), "# written by restorecheck for the reference\n");
            }
            Files.writeString(workDir.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
            Files.writeString(workDir.resolve("pg_ident.conf"), "");
        } catch (IOException e) {
            throw new Unavailable("cannot prepare the reference data directory " + dataDir + ": " + e.getMessage(),
                    e);
        }
    }

    /** Host-specific settings on the command line win over the backup's postgresql.conf and auto.conf. */
    private Map<String, String> commandLine(Path archive) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("data_directory", workDir.resolve("data").toString());
        s.put("hba_file", workDir.resolve("pg_hba.conf").toString());
        s.put("ident_file", workDir.resolve("pg_ident.conf").toString());
        s.put("restore_command", ShellCommands.restoreCommand(archive));
        s.put("archive_mode", "off");
        s.put("recovery_target_timeline", "latest");
        s.put("hot_standby", "on");
        s.put("external_pid_file", "");
        s.put("logging_collector", "off");
        s.put("ssl", "off");
        s.put("shared_preload_libraries", "");
        s.put("shared_buffers", "128MB");
        s.put("huge_pages", "off");
        // A throwaway copy: durability buys nothing and slows replay.
        s.put("fsync", "off");
        s.put("synchronous_commit", "off");
        return s;
    }

    private void awaitPromotion(Progress progress) {
        String lastLsn = null;
        long lastAdvance = System.nanoTime();
        long lastPrint = System.nanoTime();
        SQLException lastError = null;
        long errorSince = System.nanoTime();
        while (true) {
            if (!server.isRunning()) {
                throw new LabException("the reference PostgreSQL exited during replay; log " + server.logFile() + ":\n"
                        + Processes.tail(server.logFile(), 20));
            }
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, "
                         + "pg_last_xact_replay_timestamp(), (SELECT timeline_id FROM pg_control_checkpoint())")) {
                rs.next();
                String lsn = rs.getString(2);
                if (!rs.getBoolean(1)) {
                    Timestamp last = rs.getTimestamp(3);
                    lastReplayedCommit = last == null ? null : last.toInstant();
                    endLsn = lsn;
                    timeline = rs.getString(4);
                    return;
                }
                if (lsn != null && !lsn.equals(lastLsn)) {
                    lastLsn = lsn;
                    lastAdvance = System.nanoTime();
                }
                if (System.nanoTime() - lastPrint > PROGRESS_EVERY.toNanos()) {
                    Timestamp t = rs.getTimestamp(3);
                    progress.note("reference: replaying, at " + lsn + (t == null ? "" : ", commits up to "
                            + t.toInstant()));
                    lastPrint = System.nanoTime();
                }
                lastError = null;
            } catch (SQLException e) {
                // "Not yet accepting connections" (57P03) is normal until the copy is consistent, and a switch of
                // timeline can drop a session; an error that stays (no such database or role, authentication) is
                // the cause, and waiting out the stall timeout would only hide it.
                if (lastError == null || !Objects.equals(lastError.getSQLState(), e.getSQLState())) {
                    errorSince = System.nanoTime();
                }
                lastError = e;
                if (!NOT_YET_ACCEPTING.equals(e.getSQLState())
                        && System.nanoTime() - errorSince > PERSISTENT_ERROR.toNanos()) {
                    throw new LabException("the reference server refused the harness's session for "
                            + PERSISTENT_ERROR.toSeconds() + " s: " + e.getMessage() + " (SQLSTATE " + e.getSQLState()
                            + "); log " + server.logFile() + ":\n" + Processes.tail(server.logFile(), 15), e);
                }
            }
            if (System.nanoTime() - lastAdvance > STALL_TIMEOUT.toNanos()) {
                throw new LabException("the reference replay made no progress for " + STALL_TIMEOUT.toMinutes()
                        + " min (at " + lastLsn + ")" + (lastError == null ? "" : "; last error: "
                        + lastError.getMessage()) + "; log " + server.logFile() + ":\n"
                        + Processes.tail(server.logFile(), 15), lastError);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted during the reference replay", e);
            }
        }
    }

    /** A new read-only session on the reference's copy of the site database. */
    public Connection connect() throws SQLException {
        return ReadOnlySessions.open(server.jdbcUrl(database), user);
    }

    /**
     * As {@link #connect()}, with the session settings of the site's {@code database.url} (e.g.
     * {@code currentSchema}) so that table names resolve on the reference as on the restored server.
     */
    public Connection connect(String siteUrl) throws SQLException {
        return ReadOnlySessions.open(UrlSettings.carriedOver(server.jdbcUrl(database), siteUrl), user);
    }

    /** The time of the last commit replayed from the archive, read after promotion; empty when none was. */
    public Optional<Instant> lastReplayedCommit() {
        return Optional.ofNullable(lastReplayedCommit);
    }

    /** The WAL position where replay ended. */
    public String endLsn() {
        return endLsn;
    }

    public String timeline() {
        return timeline;
    }

    public double replaySeconds() {
        return replaySeconds;
    }

    public String describedBackup() {
        return describedBackup;
    }

    public int major() {
        return binaries.major();
    }

    public Path workDir() {
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
            System.err.println("restorecheck: could not remove the reference folder " + workDir + ": "
                    + e.getMessage());
        }
    }
}
