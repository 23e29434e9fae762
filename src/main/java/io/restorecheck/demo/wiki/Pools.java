package io.restorecheck.demo.wiki;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiki's connection pools: a read-only one for page views and a small one for edits.
 * {@link #repoint} swaps both to another database at once and closes the old ones.
 */
final class Pools implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pools.class);
    private static final long CONNECTION_TIMEOUT_MS = 5_000;
    private static final int WRITE_POOL_SIZE = 2;

    private record Pair(String jdbcUrl, HikariDataSource read, HikariDataSource write) {
        void close() {
            read.close();
            write.close();
        }
    }

    private final int readPoolSize;
    private final AtomicReference<Pair> current = new AtomicReference<>();

    Pools(String jdbcUrl, String user, String password, int readPoolSize) {
        this.readPoolSize = readPoolSize;
        current.set(open(jdbcUrl, user, password));
    }

    /** A connection whose session is read-only: writes fail in PostgreSQL, not silently. */
    Connection read() throws SQLException {
        return connection(true);
    }

    /** A connection with autocommit off, for an edit's transaction. */
    Connection write() throws SQLException {
        return connection(false);
    }

    String jdbcUrl() {
        return current.get().jdbcUrl();
    }

    void repoint(String jdbcUrl, String user, String password) {
        Pair fresh = open(jdbcUrl, user, password);
        Pair old = current.getAndSet(fresh);
        LOG.info("wiki repointed from {} to {}", old.jdbcUrl(), jdbcUrl);
        // Hikari's close waits for borrowed connections to come back before closing them.
        old.close();
    }

    @Override
    public void close() {
        current.get().close();
    }

    private Connection connection(boolean readOnly) throws SQLException {
        Pair pair = current.get();
        try {
            return (readOnly ? pair.read() : pair.write()).getConnection();
        } catch (SQLException e) {
            Pair now = current.get();
            if (now == pair) {
                throw e;
            }
            // Repointed between reading the reference and borrowing: the old pool is closing.
            return (readOnly ? now.read() : now.write()).getConnection();
        }
    }

    private Pair open(String jdbcUrl, String user, String password) {
        HikariDataSource read = new HikariDataSource(config(jdbcUrl, user, password, "wiki-read", readPoolSize, true));
        try {
            return new Pair(jdbcUrl, read,
                    new HikariDataSource(config(jdbcUrl, user, password, "wiki-write", WRITE_POOL_SIZE, false)));
        } catch (RuntimeException e) {
            read.close();
            throw e;
        }
    }

    private static HikariConfig config(String jdbcUrl, String user, String password, String name, int size,
            boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(readOnly ? size : 1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setReadOnly(readOnly);
        config.setAutoCommit(readOnly);
        // pgjdbc only turns setReadOnly(true) into a server-side read-only session in this mode.
        config.addDataSourceProperty("readOnlyMode", "always");
        config.addDataSourceProperty("ApplicationName", name);
        return config;
    }
}
