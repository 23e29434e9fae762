package io.restorecheck.demo.wiki;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates Sycamore's page tables: curPages (one row per page) and allPages (every revision). */
public final class WikiSchema {
    private WikiSchema() {
    }

    /** Creates the tables and index if missing; editTime is Unix seconds as double precision. */
    public static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS curPages ("
                    + " name varchar(100) PRIMARY KEY,"
                    + " text text,"
                    + " editTime double precision NOT NULL,"
                    + " userEdited varchar(100),"
                    + " propercased_name varchar(100) NOT NULL,"
                    + " cachedHTML text,"
                    + " cachedTime double precision)");
            s.execute("CREATE TABLE IF NOT EXISTS allPages ("
                    + " name varchar(100),"
                    + " text text,"
                    + " editTime double precision,"
                    + " userEdited varchar(100),"
                    + " edittype varchar(30),"
                    + " comment varchar(140),"
                    + " userIP inet,"
                    + " propercased_name varchar(100),"
                    + " PRIMARY KEY (name, editTime))");
            s.execute("CREATE INDEX IF NOT EXISTS allpages_edittime ON allPages (editTime)");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
