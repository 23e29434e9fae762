package io.restorecheck.db;

import io.restorecheck.config.DatabaseSection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The one factory for connections to the site's database. The driver is told {@code readOnly=true} with
 * {@code readOnlyMode=always} (pgjdbc's default mode does nothing under autocommit, which is how the checks run), and
 * the session then gets {@code default_transaction_read_only = on}, which comes after any startup option the URL
 * carries: the server itself refuses every write (SQLSTATE 25006), including ones the driver cannot see, such as an
 * INSERT inside a CTE of a configured query or a function that writes.
 */
public final class ReadOnlyConnections {
    /** Seconds to wait for the TCP connect and the login; a dead host must not hang a check. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    private ReadOnlyConnections() {
    }

    /**
     * A read-only session on the database the site config names.
     *
     * @param purpose shows as {@code application_name} ("restorecheck <purpose>") in pg_stat_activity and the
     *                server log, so an operator sees which part of the harness is connected
     */
    public static Connection open(DatabaseSection db, String purpose) throws SQLException {
        return open(db.url(), db.user(), db.password().reveal(), purpose);
    }

    /** A read-only session on any server (a reference replay, a tuned variant); empty password for trust. */
    public static Connection open(String jdbcUrl, String user, String password, String purpose)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        p.setProperty("ApplicationName", "restorecheck " + purpose);
        Connection c = DriverManager.getConnection(jdbcUrl, p);
        try {
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET default_transaction_read_only = on");
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
