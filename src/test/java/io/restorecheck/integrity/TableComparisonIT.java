package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.TableSpec;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real servers with the same tables, then rows removed, added and changed on the "restored" one. */
class TableComparisonIT {
    private static final TableSpec ALL_PAGES = new TableSpec("allPages", List.of("name", "editTime"),
            "to_timestamp(editTime)");
    private static final String SCHEMA = """
            CREATE TABLE allPages (name varchar(100), text text, editTime double precision, userIP inet,
                                   PRIMARY KEY (name, editTime));
            INSERT INTO allPages SELECT 'page ' || (i % 9000), repeat(md5(i::text), 3),
                   1700000000 + i * 0.25, ('10.0.' || (i % 250) || '.1')::inet FROM generate_series(1, 100000) i;
            CREATE TABLE "MixedCase" ("Id" int PRIMARY KEY, "Value" text, at timestamptz);
            INSERT INTO "MixedCase" SELECT i, 'v' || i, '2026-01-01'::timestamptz + i * interval '1 s'
                   FROM generate_series(1, 500) i;
            """;

    @TempDir
    static Path work;
    static PgServer reference;
    static PgServer restored;

    @BeforeAll
    static void twoServers() {
        PgBinaries bin = PgBinaries.bundled();
        reference = PgCluster.init(bin, work.resolve("reference"), Map.of()).start("reference");
        restored = PgCluster.init(bin, work.resolve("restored"), Map.of()).start("restored");
        for (PgServer s : List.of(reference, restored)) {
            s.createDatabase("wiki");
            s.execute("wiki", SCHEMA);
        }
    }

    @AfterAll
    static void stop() {
        restored.close();
        reference.close();
    }

    private static List<TableResult> compare(TableSpec... specs) throws SQLException {
        try (Connection ref = ReadOnlySessions.open(reference.jdbcUrl("wiki"), "postgres");
             Connection res = ReadOnlySessions.open(restored.jdbcUrl("wiki"), "postgres");
             TableComparison comparison = new TableComparison(ref, res)) {
            List<TableResult> out = new java.util.ArrayList<>();
            for (TableSpec spec : specs) {
                out.add(comparison.compare(spec));
            }
            return out;
        }
    }

    @Test
    void missingExtraAndChangedRowsOfACompositeKeyAreNamedAfterBisecting() throws SQLException {
        restored.execute("wiki", """
                DELETE FROM allPages WHERE (name, editTime) IN (('page 17', 1700000000 + 17 * 0.25),
                       ('page 4500', 1700000000 + 40500 * 0.25), ('page 8999', 1700000000 + 98999 * 0.25));
                INSERT INTO allPages (name, editTime, text, userIP) VALUES ('page 42', 1800000000.5, 'added after', '10.9.9.9'),
                       ('zzz new page', 1700000001.75, 'added', NULL);
                UPDATE allPages SET text = 'tampered' WHERE name = 'page 123' AND editTime = 1700000000 + 9123 * 0.25;
                UPDATE allPages SET userIP = '192.168.0.1' WHERE name = 'page 7777' AND editTime = 1700000000 + 7777 * 0.25;
                """);
        try {
            TableResult r = compare(ALL_PAGES).get(0);
            assertEquals(100000, r.referenceRows());
            assertEquals(99999, r.restoredRows());
            assertFalse(r.referenceLatest().equals(r.restoredLatest()), r.referenceLatest());
            assertTrue(r.segmentsCompared() > 3, "bisected below the top segments: " + r.segmentsCompared());
            assertEquals(3, r.missingTotal(), r.toString());
            assertEquals(2, r.extraTotal(), r.toString());
            assertEquals(2, r.changedTotal(), r.toString());
            assertTrue(r.missing().contains("(name=page 17, edittime=1700000004.25)"), r.missing().toString());
            assertTrue(r.missing().contains("(name=page 4500, edittime=1700010125)"), r.missing().toString());
            assertTrue(r.extra().contains("(name=zzz new page, edittime=1700000001.75)"), r.extra().toString());
            assertTrue(r.changed().contains("(name=page 123, edittime=1700002280.75)"), r.changed().toString());
            assertTrue(r.changed().contains("(name=page 7777, edittime=1700001944.25)"), r.changed().toString());

            CheckResult content = TableChecks.content(List.of(r));
            assertEquals(CheckStatus.FAILED, content.status());
            assertTrue(content.message().contains("3 missing") && content.message().contains("2 extra")
                    && content.message().contains("2 changed"), content.message());
            assertEquals(CheckStatus.FAILED, TableChecks.rowcount(List.of(r)).status());
            assertEquals(CheckStatus.FAILED, TableChecks.latestEdit(List.of(r)).status());
        } finally {
            restored.execute("wiki", "DROP TABLE allPages");
            restored.execute("wiki", SCHEMA.substring(0, SCHEMA.indexOf("CREATE TABLE \"MixedCase\"")));
        }
    }

    @Test
    void aLowCardinalityLeadingColumnBisectsOnTheFullCompositeKey() throws SQLException {
        for (PgServer s : List.of(reference, restored)) {
            s.execute("wiki", "CREATE TABLE revs (page int, rev int, body text, PRIMARY KEY (page, rev)); "
                    + "INSERT INTO revs SELECT p, r, 'body ' || r FROM generate_series(1, 2) p, generate_series(1, 30000) r");
        }
        restored.execute("wiki", "DELETE FROM revs WHERE page = 1 AND rev = 12345; "
                + "UPDATE revs SET body = 'edited' WHERE page = 2 AND rev = 777");
        try {
            TableResult r = compare(new TableSpec("revs", List.of("page", "rev"), "rev")).get(0);
            assertEquals(List.of("(page=1, rev=12345)"), r.missing(), r.toString());
            assertEquals(List.of("(page=2, rev=777)"), r.changed(), r.toString());
            assertEquals(0, r.extraTotal());
        } finally {
            reference.execute("wiki", "DROP TABLE revs");
            restored.execute("wiki", "DROP TABLE revs");
        }
    }

    @Test
    void identicalTablesPassAndQuotedMixedCaseNamesResolve() throws SQLException {
        List<TableResult> rs = compare(new TableSpec("MixedCase", List.of("Id"), "at"));
        TableResult r = rs.get(0);
        assertTrue(r.contentEqual(), r.toString());
        assertEquals(500, r.restoredRows());
        assertEquals(CheckStatus.PASSED, TableChecks.content(rs).status());
        assertEquals(CheckStatus.PASSED, TableChecks.rowcount(rs).status());
        assertEquals(CheckStatus.PASSED, TableChecks.latestEdit(rs).status());
    }

    @Test
    void aTableMissingOnTheRestoredServerFailsEveryTableCheck() throws SQLException {
        reference.execute("wiki", "CREATE TABLE gone (id int PRIMARY KEY, t timestamptz)");
        reference.execute("wiki", "INSERT INTO gone VALUES (1, now())");
        try {
            List<TableResult> rs = compare(new TableSpec("gone", List.of("id"), "t"));
            assertEquals(-1, rs.get(0).restoredRows());
            CheckResult rc = TableChecks.rowcount(rs);
            assertEquals(CheckStatus.FAILED, rc.status());
            assertTrue(rc.message().contains("gone restored no such table, reference 1 rows"), rc.message());
            assertEquals(CheckStatus.FAILED, TableChecks.content(rs).status());
        } finally {
            reference.execute("wiki", "DROP TABLE gone");
        }
    }

    /** One column of each supported type; row i differs only in column i on the restored server. */
    private static final List<String[]> TYPED = List.of(
            new String[] {"c_int2", "int2", "1", "2"},
            new String[] {"c_int4", "int4", "1", "-1"},
            new String[] {"c_int8", "int8", "9000000000", "9000000001"},
            new String[] {"c_numeric", "numeric", "1.5", "1.50"},
            new String[] {"c_float4", "float4", "1.5", "1.25"},
            new String[] {"c_float8", "float8", "0.1", "0.30000000000000004"},
            new String[] {"c_bool", "bool", "true", "false"},
            new String[] {"c_text", "text", "'abc'", "'abC'"},
            new String[] {"c_varchar", "varchar(20)", "'x'", "'x '"},
            new String[] {"c_char", "char(3)", "'ab'", "'ac'"},
            new String[] {"c_bytea", "bytea", "'\\x00'", "'\\x0000'"},
            new String[] {"c_uuid", "uuid", "'00000000-0000-0000-0000-000000000001'",
                    "'00000000-0000-0000-0000-000000000002'"},
            new String[] {"c_date", "date", "'2026-01-01'", "'2026-01-02'"},
            new String[] {"c_timestamp", "timestamp", "'2026-01-01 00:00:00'", "'2026-01-01 00:00:00.000001'"},
            new String[] {"c_timestamptz", "timestamptz", "'2026-01-01 00:00:00+00'", "'2026-01-01 00:00:01+00'"},
            new String[] {"c_interval", "interval", "'1 day'", "'24 hours'"},
            new String[] {"c_inet", "inet", "'10.0.0.1'", "'10.0.0.1/24'"},
            new String[] {"c_jsonb", "jsonb", "'{\"a\": 1}'", "'{\"a\": 2}'"},
            new String[] {"c_array", "text[]", "'{a,b}'", "'{b,a}'"},
            new String[] {"c_null", "text", "NULL", "''"});

    @Test
    void aChangeInAnyOneColumnOfEverySupportedTypeIsFound() throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE typed (id int PRIMARY KEY");
        StringBuilder values = new StringBuilder();
        for (String[] c : TYPED) {
            ddl.append(", ").append(c[0]).append(' ').append(c[1]);
            values.append(", ").append(c[2]).append("::").append(c[1]);
        }
        ddl.append("); INSERT INTO typed SELECT i").append(values).append(" FROM generate_series(1, ")
                .append(TYPED.size() + 5).append(") i");
        for (PgServer s : List.of(reference, restored)) {
            s.execute("wiki", ddl.toString());
        }
        StringBuilder edits = new StringBuilder();
        for (int i = 0; i < TYPED.size(); i++) {
            String[] c = TYPED.get(i);
            edits.append("UPDATE typed SET ").append(c[0]).append(" = ").append(c[3]).append("::").append(c[1])
                    .append(" WHERE id = ").append(i + 1).append("; ");
        }
        restored.execute("wiki", edits.toString());
        try {
            TableResult r = compare(new TableSpec("typed", List.of("id"), java.util.Optional.empty())).get(0);
            assertEquals(TYPED.size(), r.changedTotal(), r.toString());
            assertEquals(0, r.missingTotal() + r.extraTotal(), r.toString());
            for (int i = 0; i < TYPED.size(); i++) {
                assertTrue(r.changed().contains("(id=" + (i + 1) + ")"), TYPED.get(i)[0] + " changed from "
                        + TYPED.get(i)[2] + " to " + TYPED.get(i)[3] + " was not found: " + r.changed());
            }
        } finally {
            for (PgServer s : List.of(reference, restored)) {
                s.execute("wiki", "DROP TABLE typed");
            }
        }
    }

    @Test
    void workerSessionsOverBlockRangesFindTheSameRowsAndCreateNothing() throws SQLException {
        restored.execute("wiki", """
                DELETE FROM allPages WHERE name = 'page 17' AND editTime = 1700000000 + 17 * 0.25;
                UPDATE allPages SET text = 'tampered' WHERE name = 'page 123' AND editTime = 1700000000 + 9123 * 0.25;
                INSERT INTO allPages (name, editTime, text) VALUES ('zzz new page', 1700000001.75, 'added');
                """);
        String relations = "SELECT count(*) FROM pg_class";
        String before = restored.queryString("wiki", relations);
        String referenceBefore = reference.queryString("wiki", relations);
        try (Connection ref = ReadOnlySessions.open(reference.jdbcUrl("wiki"), "postgres");
             Connection res = ReadOnlySessions.open(restored.jdbcUrl("wiki"), "postgres");
             TableComparison comparison = new TableComparison(ref, res,
                     () -> ReadOnlySessions.open(reference.jdbcUrl("wiki"), "postgres"),
                     () -> ReadOnlySessions.open(restored.jdbcUrl("wiki"), "postgres"), OptionalInt.of(3))) {
            TableResult r = comparison.compare(ALL_PAGES);
            assertEquals(100000, r.referenceRows());
            assertEquals(100000, r.restoredRows());
            assertEquals(List.of("(name=page 17, edittime=1700000004.25)"), r.missing(), r.toString());
            assertEquals(List.of("(name=zzz new page, edittime=1700000001.75)"), r.extra(), r.toString());
            assertEquals(List.of("(name=page 123, edittime=1700002280.75)"), r.changed(), r.toString());
            assertEquals(r.referenceLatest(), r.restoredLatest());
            assertEquals(before, restored.queryString("wiki", relations), "the comparison created a relation");
            assertEquals(referenceBefore, reference.queryString("wiki", relations));
        } finally {
            restored.execute("wiki", "DROP TABLE allPages");
            restored.execute("wiki", SCHEMA.substring(0, SCHEMA.indexOf("CREATE TABLE \"MixedCase\"")));
        }
    }

    @Test
    void whenMostBucketsDifferEveryRowIsStreamedAndEachChangeCounted() throws SQLException {
        restored.execute("wiki", "UPDATE allPages SET text = text || 'x' WHERE (editTime * 4)::bigint % 100 = 0");
        try {
            TableResult r = compare(ALL_PAGES).get(0);
            assertEquals(1000, r.changedTotal(), r.toString());
            assertEquals(TableComparison.NAMED_KEYS, r.changed().size());
            assertEquals(0, r.missingTotal() + r.extraTotal(), r.toString());
        } finally {
            restored.execute("wiki", "DROP TABLE allPages");
            restored.execute("wiki", SCHEMA.substring(0, SCHEMA.indexOf("CREATE TABLE \"MixedCase\"")));
        }
    }

    @Test
    void theHarnessSessionCannotWrite() throws SQLException {
        try (Connection c = ReadOnlySessions.open(restored.jdbcUrl("wiki"), "postgres");
             Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO \"MixedCase\" VALUES (-1, 'write', now())"));
            assertEquals("25006", e.getSQLState(), e.getMessage());
        }
        try (Connection c = ReadOnlySessions.open(restored.jdbcUrl("wiki"), "postgres");
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE \"MixedCase\" SET \"Id\" = -2 WHERE \"Id\" = 1"));
            assertEquals("25006", e.getSQLState(), e.getMessage());
            c.rollback();
        }
        assertFalse("-2".equals(restored.queryString("wiki", "SELECT min(\"Id\") FROM \"MixedCase\"")));
    }
}
