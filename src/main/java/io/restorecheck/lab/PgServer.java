package io.restorecheck.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** A running postmaster started by the lab: connection details, waiting for promotion, shutdown modes. */
public final class PgServer implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final String name;
    private final PgCluster cluster;
    private final int port;
    private final Process process;
    private final Path logFile;

    private PgServer(String name, PgCluster cluster, int port, Process process, Path logFile) {
        this.name = name;
        this.cluster = cluster;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    static PgServer launch(String name, PgCluster cluster, int port, List<String> command) {
        Path logFile = cluster.dataDir().resolveSibling(cluster.dataDir().getFileName() + ".log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new LabException("cannot start " + name + " PostgreSQL: " + String.join(" ", command), e);
        }
        PgServer server = new PgServer(name, cluster, port, process, logFile);
        ChildProcesses.register(server);
        try {
            server.awaitConnections(READY_TIMEOUT);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public PgCluster cluster() {
        return cluster;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the superuser {@code postgres} (the lab uses trust authentication on 127.0.0.1). */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** A connection as {@code user} (trusted on 127.0.0.1), e.g. a restored cluster's own bootstrap superuser. */
    public Connection connectAs(String database, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public void createDatabase(String database) {
        execute("postgres", "CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
    }

    /** Runs one statement in autocommit mode. */
    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new LabException(name + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, as text. */
    public String queryString(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new LabException(name + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Waits until archive recovery has ended and the server accepts writes. */
    public void awaitPromotion(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ensureAlive("waiting for promotion");
            try {
                if ("f".equals(queryString("postgres", "SELECT pg_is_in_recovery()"))) {
                    return;
                }
            } catch (LabException e) {
                // Not consistent yet, or restarting after recovery: try again.
            }
            if (System.nanoTime() > deadline) {
                throw new LabException(name + " PostgreSQL still in recovery after " + timeout.toSeconds()
                        + " s; log " + logFile + ":\n" + Processes.tail(logFile, 15));
            }
            sleep(100);
        }
    }

    private void awaitConnections(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            ensureAlive("starting");
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException e) {
                // A restored cluster may lack the role or database "postgres": the server answered, so it is up.
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (state.startsWith("28") || state.equals("3D000")) {
                    return;
                }
                last = e;
            }
            sleep(100);
        }
        throw new LabException(name + " PostgreSQL did not accept connections on 127.0.0.1:" + port + " within "
                + timeout.toSeconds() + " s (" + (last == null ? "" : last.getMessage()) + "); log " + logFile + ":\n"
                + Processes.tail(logFile, 15));
    }

    private void ensureAlive(String doing) {
        if (!process.isAlive()) {
            throw new LabException(name + " PostgreSQL exited with " + process.exitValue() + " while " + doing
                    + "; log " + logFile + ":\n" + Processes.tail(logFile, 20));
        }
    }

    /** Stops the postmaster in the given mode and waits for it to exit. */
    public void stop(ShutdownMode mode) {
        if (process.isAlive()) {
            Signals.send(process.pid(), mode.signal);
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        ChildProcesses.unregister(this);
    }

    @Override
    public void close() {
        stop(ShutdownMode.FAST);
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
    public String toString() {
        return name + " PostgreSQL " + cluster.binaries().major() + " on 127.0.0.1:" + port;
    }
}
