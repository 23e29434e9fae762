package io.restorecheck.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.DatabaseSection;
import io.restorecheck.config.Secret;
import io.restorecheck.integrity.ReadOnlySessions;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.load.PageList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tries to write through every kind of connection the harness opens to the site's database, on a real server, and
 * sees each write refused by the server (SQLSTATE 25006, read-only transaction); the table stays empty.
 */
class ReadOnlyConnectionsIT {
    private static final String READ_ONLY_SQLSTATE = "25006";
    private static final List<String> WRITES = List.of(
            "INSERT INTO t VALUES (1)",
            "CREATE TABLE t2 (i int)",
            "SELECT nextval('s')",
            "SELECT writer()",
            "WITH w AS (INSERT INTO t VALUES (2) RETURNING i) SELECT i FROM w");

    @TempDir
    static Path work;
    private static PgServer server;
    private static DatabaseSection site;

    @BeforeAll
    static void start() {
        server = PgCluster.init(PgBinaries.bundled(), work.resolve("data"), Map.of()).start("site");
        server.execute("postgres", "CREATE TABLE t (i int)");
        server.execute("postgres", "CREATE SEQUENCE s");
        server.execute("postgres", "CREATE FUNCTION writer() RETURNS int LANGUAGE sql VOLATILE AS "
                + "'INSERT INTO t VALUES (3) RETURNING i'");
        // A URL that asks for a writable session must not get one: the factory's SET comes after the startup options.
        site = new DatabaseSection(server.jdbcUrl("postgres")
                + "?options=-c%20default_transaction_read_only%3Doff", "postgres", Secret.none());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void factorySessionRefusesEveryWriteInAutocommitAndInATransaction() throws SQLException {
        try (Connection c = ReadOnlyConnections.open(site, "test")) {
            assertRefused(c);
            c.setAutoCommit(false);
            assertRefused(c);
        }
        assertTableUntouched();
    }

    @Test
    void integrityAndReferenceSessionsRefuseWrites() throws SQLException {
        try (Connection c = ReadOnlySessions.restored(site)) {
            assertRefused(c);
        }
        try (Connection c = ReadOnlySessions.open(site.url(), "postgres")) {
            assertRefused(c);
        }
        assertTableUntouched();
    }

    @Test
    void loadPageListQueryThatWritesIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PageList.titles(site,
                "WITH w AS (INSERT INTO t VALUES (4) RETURNING i) SELECT 'x' AS title FROM w"));
        assertEquals(READ_ONLY_SQLSTATE, ((SQLException) e.getCause()).getSQLState(), e.getMessage());
        assertTableUntouched();
    }

    /** Every other caller must get its connection here: no DriverManager outside this package and the lab's own. */
    @Test
    void noMainClassOpensASiteConnectionAnotherWay() throws IOException {
        Path main = Path.of("src/main/java/io/restorecheck");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> others = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(main.resolve("db")) && !p.startsWith(main.resolve("lab"))
                            && !p.startsWith(main.resolve("demo")))
                    .filter(p -> read(p).contains("DriverManager") || read(p).contains("DataSource"))
                    .map(Path::toString).toList();
            assertEquals(List.of(), others, "these open connections without ReadOnlyConnections");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(Connection c) throws SQLException {
        for (String sql : WRITES) {
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }, sql);
            assertEquals(READ_ONLY_SQLSTATE, e.getSQLState(), sql + ": " + e.getMessage());
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
    }

    private static void assertTableUntouched() {
        assertEquals("0", server.queryString("postgres", "SELECT count(*) FROM t"));
        assertTrue(server.queryString("postgres", "SELECT to_regclass('t2')") == null);
    }
}
