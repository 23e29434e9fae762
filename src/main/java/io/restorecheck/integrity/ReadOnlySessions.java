package io.restorecheck.integrity;

import io.restorecheck.config.DatabaseSection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens the harness's sessions: read-only at the driver ({@code readOnlyMode=always}) and in the session
 * ({@code default_transaction_read_only}), with the output settings that make row text identical on two servers.
 */
public final class ReadOnlySessions {
    private ReadOnlySessions() {
    }

    /** A read-only session on the restored database the site config names. */
    public static Connection restored(DatabaseSection db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        if (!db.password().isEmpty()) {
            p.setProperty("password", db.password().reveal());
        }
        return open(db.url(), p);
    }

    /** A read-only session as {@code user} on a reference server that trusts 127.0.0.1. */
    public static Connection open(String jdbcUrl, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        return open(jdbcUrl, p);
    }

    private static Connection open(String url, Properties p) throws SQLException {
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        p.setProperty("connectTimeout", "10");
        p.setProperty("ApplicationName", "restorecheck");
        Connection c = DriverManager.getConnection(url, p);
        try (Statement s = c.createStatement()) {
            s.execute("SET default_transaction_read_only = on");
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
