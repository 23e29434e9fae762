package io.restorecheck.integrity;

import io.restorecheck.config.DatabaseSection;
import io.restorecheck.db.ReadOnlyConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens the comparison's sessions through {@link ReadOnlyConnections} (read-only at the driver and in the session),
 * with the output settings that make row text identical on two servers.
 */
public final class ReadOnlySessions {
    private ReadOnlySessions() {
    }

    /** A read-only session on the restored database the site config names. */
    public static Connection restored(DatabaseSection db) throws SQLException {
        return comparable(ReadOnlyConnections.open(db, "integrity"));
    }

    /** A read-only session as {@code user} on a reference server that trusts 127.0.0.1. */
    public static Connection open(String jdbcUrl, String user) throws SQLException {
        return comparable(ReadOnlyConnections.open(jdbcUrl, user, "", "reference"));
    }

    private static Connection comparable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // Row text must not depend on per-server defaults: dates, floats, intervals and bytea print alike.
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET DateStyle = 'ISO, YMD'");
            s.execute("SET IntervalStyle = 'iso_8601'");
            s.execute("SET extra_float_digits = 3");
            s.execute("SET bytea_output = 'hex'");
            s.execute("SET statement_timeout = 0");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The database name of a {@code jdbc:postgresql://host:port/db?...} URL. */
    public static String databaseOf(String jdbcUrl) {
        String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "postgres";
        }
        String db = rest.substring(slash + 1);
        int q = db.indexOf('?');
        db = q >= 0 ? db.substring(0, q) : db;
        return db.isEmpty() ? "postgres" : java.net.URLDecoder.decode(db, java.nio.charset.StandardCharsets.UTF_8);
    }
}
