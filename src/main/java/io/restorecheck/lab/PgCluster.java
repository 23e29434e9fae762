package io.restorecheck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A PostgreSQL data directory plus the binaries that run it; {@link #start} gives a running {@link PgServer}. */
public final class PgCluster {
    private final PgBinaries binaries;
    private final Path dataDir;
    private final Optional<OsUser> runAs;

    private PgCluster(PgBinaries binaries, Path dataDir) {
        this(binaries, dataDir, Optional.empty());
    }

    private PgCluster(PgBinaries binaries, Path dataDir, Optional<OsUser> runAs) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.runAs = runAs;
    }

    /**
     * The same cluster started as {@code user} when the harness runs as root (the data directory must already be
     * that user's, see {@link OsUser#takeOver}); ignored otherwise, since only root can switch users.
     */
    public PgCluster runningAs(OsUser user) {
        return new PgCluster(binaries, dataDir, Optional.of(user));
    }

    /**
     * Creates a new cluster (superuser {@code postgres}, trust authentication on 127.0.0.1 only, UTF8, C locale)
     * and appends {@code settings} to its postgresql.conf, as an operator's tuned file would hold them.
     */
    public static PgCluster init(PgBinaries binaries, Path dataDir, Map<String, String> settings) {
        try {
            Files.createDirectories(dataDir.getParent());
        } catch (IOException e) {
            throw new LabException("cannot create " + dataDir.getParent(), e);
        }
        Processes.run(Processes.asPostgresUser(List.of(binaries.tool("initdb").toString(), "-D", dataDir.toString(),
                "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")), 300);
        PgCluster cluster = new PgCluster(binaries, dataDir);
        cluster.appendSettings("postgresql.conf", "settings of the restorecheck lab", settings);
        return cluster;
    }

    /** An existing data directory, e.g. one restored from a base backup. */
    public static PgCluster existing(PgBinaries binaries, Path dataDir) {
        if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
            throw new LabException(dataDir + " is not a PostgreSQL data directory (no PG_VERSION)");
        }
        return new PgCluster(binaries, dataDir);
    }

    public Path dataDir() {
        return dataDir;
    }

    public PgBinaries binaries() {
        return binaries;
    }

    /** Appends {@code key = 'value'} lines to a configuration file of the data directory. */
    public void appendSettings(String fileName, String comment, Map<String, String> settings) {
        if (settings.isEmpty()) {
            return;
        }
        StringBuilder block = new StringBuilder("\n# ").append(comment).append('\n');
        settings.forEach((key, value) -> block.append(key).append(" = ").append(quote(value)).append('\n'));
        try {
            Files.writeString(dataDir.resolve(fileName), block, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LabException("cannot write " + dataDir.resolve(fileName), e);
        }
    }

    /** Starts the postmaster on a free 127.0.0.1 port and waits until it accepts connections. */
    public PgServer start(String name) {
        return start(name, Map.of());
    }

    /**
     * Starts with host-specific settings on the command line (they win over the configuration files);
     * waits up to {@code readyTimeoutSeconds} for connections, which during archive recovery means
     * "consistent", not yet "promoted".
     */
    public PgServer start(String name, Map<String, String> commandLineSettings) {
        return start(name, FreePorts.next(), commandLineSettings);
    }

    /** Starts on a given 127.0.0.1 port: a restart that clients (the wiki, a site config) must find again. */
    public PgServer start(String name, int port, Map<String, String> commandLineSettings) {
        List<String> command = new ArrayList<>(List.of(binaries.tool("postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                // No Unix socket: its path length limit (107 bytes) breaks in deep temp dirs, and we only use TCP.
                "-c", "unix_socket_directories="));
        commandLineSettings.forEach((k, v) -> {
            command.add("-c");
            command.add(k + "=" + v);
        });
        return PgServer.launch(name, this, port, Processes.asUser(command, runAs));
    }

    /** postgresql.conf string syntax: {@code '} doubled, and backslash escapes are processed, so doubled too. */
    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return "PostgreSQL " + binaries.major() + " cluster at " + dataDir;
    }
}
