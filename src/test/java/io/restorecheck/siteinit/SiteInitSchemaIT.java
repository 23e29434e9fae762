package io.restorecheck.siteinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.DatabaseSection;
import io.restorecheck.config.Secret;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.integrity.ReadOnlySessions;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init's table proposals on a real server holding the awkward cases: a table in a schema off the search_path, a
 * table without any time column, a composite key, a table without a primary key, an epoch-seconds column, a
 * "touched" column and a number that only looks like a time.
 */
class SiteInitSchemaIT {
    private static final String SCHEMA = """
            CREATE TABLE pages (id int PRIMARY KEY, title text NOT NULL, body text,
                                page_touched timestamptz, edited_at timestamptz, created_at timestamptz);
            INSERT INTO pages SELECT i, 'Page ' || i, repeat('word ', 50), now(), now() - i * interval '1 h',
                   now() - interval '1 y' FROM generate_series(1, 200) i;
            CREATE SCHEMA app;
            CREATE TABLE app.events (id bigint PRIMARY KEY, happened double precision NOT NULL, payload text);
            INSERT INTO app.events SELECT i, 1700000000 + i * 60.5, 'e' || i FROM generate_series(1, 500) i;
            CREATE TABLE tags (name text PRIMARY KEY, colour text);
            INSERT INTO tags VALUES ('red', '#f00'), ('blue', '#00f');
            CREATE TABLE links (from_id int, to_id int, weight int, PRIMARY KEY (from_id, to_id));
            INSERT INTO links SELECT i, i + 1, 1 FROM generate_series(1, 100) i;
            CREATE TABLE revisions (page_id int, rev int, edit_time double precision, user_id int,
                                    PRIMARY KEY (page_id, rev));
            INSERT INTO revisions SELECT i % 50, i, extract(epoch FROM now()) - i * 3600, 1000000000 + i
                   FROM generate_series(1, 3000) i;
            CREATE TABLE audit_log (msg text, at timestamptz);
            INSERT INTO audit_log SELECT 'm' || i, now() FROM generate_series(1, 10) i;
            """;

    @TempDir
    static Path work;
    static PgServer server;

    @BeforeAll
    static void start() {
        server = PgCluster.init(PgBinaries.bundled(), work.resolve("data"), Map.of()).start("siteinit");
        server.createDatabase("shop");
        server.execute("shop", SCHEMA);
        server.execute("shop", "ANALYZE");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Surveyed survey() throws Exception {
        try (Connection c = ReadOnlySessions.restored(new DatabaseSection(server.jdbcUrl("shop"), "postgres",
                Secret.none()))) {
            return SchemaSurvey.survey(c);
        }
    }

    private static Surveyed.Table table(Surveyed s, String name) {
        return s.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no proposal for " + name + " in " + s.tables()));
    }

    @Test
    void tableOutsideTheSearchPathIsSchemaQualifiedAndItsEpochColumnIsTheEditTime() throws Exception {
        Surveyed.Table events = table(survey(), "events");
        assertFalse(events.resolvesUnqualified());
        assertEquals("app.events", events.configName());
        assertEquals(List.of("id"), events.key());
        assertEquals("to_timestamp(happened)", events.editTime().orElseThrow().expression());
        assertTrue(events.editTime().get().evidence().contains("epoch seconds"), events.editTime().get().evidence());
    }

    @Test
    void touchedColumnIsExcludedWithItsReasonAndEditedBeatsCreated() throws Exception {
        Surveyed.Table pages = table(survey(), "pages");
        assertTrue(pages.resolvesUnqualified());
        assertEquals("edited_at", pages.editTime().orElseThrow().column());
        assertEquals(List.of("edited_at", "created_at"), pages.timeColumns().stream().map(Surveyed.TimeColumn::column)
                .toList());
        assertEquals(List.of("page_touched"), pages.excluded().stream().map(Surveyed.TimeColumn::column).toList());
        assertTrue(pages.excluded().get(0).evidence().contains("not on edits"), pages.excluded().get(0).evidence());
    }

    @Test
    void compositeKeyIsKeptInOrderAndANumberNamedLikeAnIdIsNoEditTime() throws Exception {
        Surveyed s = survey();
        assertEquals(List.of("from_id", "to_id"), table(s, "links").key());
        assertTrue(table(s, "links").editTime().isEmpty(), "weight is no time");
        Surveyed.Table revisions = table(s, "revisions");
        assertEquals(List.of("page_id", "rev"), revisions.key());
        assertEquals("to_timestamp(edit_time)", revisions.editTime().orElseThrow().expression());
        assertEquals(List.of("user_id"), revisions.excluded().stream().map(Surveyed.TimeColumn::column).toList(),
                "user_id's values fall in the epoch range but it is an identifier");
    }

    @Test
    void tableWithoutTimestampHasNoEditTimeAndTableWithoutKeyIsListedApart() throws Exception {
        Surveyed s = survey();
        assertTrue(table(s, "tags").editTime().isEmpty());
        assertEquals(List.of("audit_log"), s.withoutKey().stream().map(Surveyed.Table::name).toList());
        assertTrue(s.tables().stream().noneMatch(t -> t.name().equals("audit_log")));
        // Largest first: revisions (3000 rows) before tags (2 rows).
        List<String> order = s.tables().stream().map(Surveyed.Table::name).toList();
        assertTrue(order.indexOf("revisions") < order.indexOf("tags"), order.toString());
    }

    @Test
    void writtenConfigCommentsEveryTableAndNamesWhatIsLeftAsPlaceholders() throws Exception {
        Path out = work.resolve("shop.conf");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        InitResult r = SiteInit.run(new InitOptions(server.jdbcUrl("shop"), "postgres", "PGPASSWORD",
                Optional.empty(), Optional.empty(), out), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = Files.readString(out);
        assertTrue(r.placeholders().containsAll(List.of("site.base-url", "integrity.wal-archive",
                "integrity.base-backup")), r.placeholders().toString());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("integrity.wal-archive"), printed.toString());
        assertTrue(text.contains("{ name = \"pages\", key = [\"id\"], timestamp = \"edited_at\" }"), text);
        assertTrue(text.contains("key = [\"page_id\", \"rev\"], timestamp = \"to_timestamp(edit_time)\""), text);
        assertTrue(text.contains("\"app.events\""), text);
        assertTrue(text.contains("not an edit time: page_touched"), text);
        assertTrue(text.contains("public.audit_log"), text);
        assertTrue(text.contains("password = ${?PGPASSWORD}"), text);
    }

    @Test
    void dryRunNamesAMisspelledColumnWithFileAndLineInSeconds() throws Exception {
        Path archive = Files.createDirectories(work.resolve("archive"));
        Files.writeString(archive.resolve("000000010000000000000001"), "");
        Path conf = work.resolve("typo.conf");
        Files.writeString(conf, """
                site { base-url = "http://127.0.0.1:9" }
                database { url = "%s", user = postgres }
                integrity {
                  wal-archive = "%s"
                  tables = [
                    { name = pages, key = [id], timestamp = "edited_at" }
                    { name = revisions, key = [page_id, revv], timestamp = "to_timestamp(edit_time)" }
                    { name = pages, key = [id], timestamp = "edit_at" }
                  ]
                }
                """.formatted(server.jdbcUrl("shop"), archive));
        long t0 = System.nanoTime();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<String> problems = DryRun.run(SiteConfigLoader.load(conf), new PrintStream(printed, true,
                StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 10, "dry run took " + seconds + " s");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("integrity.tables[1].key (" + conf + ":7)"), problems.get(0));
        assertTrue(problems.get(0).contains("no column revv"), problems.get(0));
        assertTrue(problems.get(1).startsWith("integrity.tables[2].timestamp (" + conf + ":8)"), problems.get(1));
        assertTrue(problems.get(1).contains("edit_at"), problems.get(1));
    }
}
