package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.BaseBackup;
import io.restorecheck.lab.OsUser;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import io.restorecheck.lab.Restore;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real host's files: the archive and the base backup belong to the {@code postgres} OS user with 0600 files and
 * 0700 folders, the site's tables live in their own schema (one with a quoted mixed-case name, one without a time
 * column), and {@code accept --only integrity} runs as root. The reference replay must run as that owner.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcceptOwnedFilesIT {
    static Path work;
    static Path archive;
    static Path base;
    static PgServer restored;
    /** A site that answers, as a real one does (accept's preflight may ask); integrity never reads it. */
    static com.sun.net.httpserver.HttpServer site;

    @BeforeAll
    static void hostFilesOwnedByPostgres() throws Exception {
        assumeTrue(OsUser.currentIsRoot(), "needs root (as CI runs): it hands the files to the postgres OS user");
        OsUser postgres = postgresUser();
        // Folders above the archive must be passable by postgres, as /var/lib/postgresql is on a real host.
        work = Files.createTempDirectory("restorecheck-owned-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        archive = Files.createDirectories(work.resolve("archive"));
        PgBinaries bin = PgBinaries.bundled();
        try (PgServer primary = PgCluster.init(bin, work.resolve("primary"), Archiving.primarySettings(archive))
                .start("primary")) {
            primary.createDatabase("wiki");
            primary.execute("wiki", "CREATE SCHEMA mw");
            primary.execute("wiki", "CREATE TABLE mw.page (page_id int PRIMARY KEY, page_title text NOT NULL, "
                    + "page_touched timestamptz NOT NULL DEFAULT clock_timestamp())");
            primary.execute("wiki", "CREATE TABLE mw.\"Revision\" (rev_id int PRIMARY KEY, rev_page int, "
                    + "rev_timestamp timestamptz NOT NULL DEFAULT clock_timestamp())");
            primary.execute("wiki", "CREATE TABLE mw.text (old_id int PRIMARY KEY, old_text text)");
            primary.execute("wiki", "INSERT INTO mw.page (page_id, page_title) SELECT g, 'Page ' || g "
                    + "FROM generate_series(1, 300) g");
            primary.execute("wiki", "INSERT INTO mw.\"Revision\" (rev_id, rev_page) SELECT g, g FROM "
                    + "generate_series(1, 300) g");
            primary.execute("wiki", "INSERT INTO mw.text SELECT g, repeat('words ', g % 50) FROM "
                    + "generate_series(1, 300) g");
            base = BaseBackup.take(primary, work.resolve("base"), "owned-it").directory();
            // Edits after the base backup reach the restored server only through the archive.
            primary.execute("wiki", "INSERT INTO mw.page (page_id, page_title) SELECT g, 'Page ' || g "
                    + "FROM generate_series(301, 400) g");
            primary.execute("wiki", "UPDATE mw.page SET page_title = 'Edited', page_touched = clock_timestamp() "
                    + "WHERE page_id = 7");
            primary.execute("wiki", "INSERT INTO mw.\"Revision\" (rev_id, rev_page) VALUES (301, 7)");
            primary.execute("wiki", "INSERT INTO mw.text VALUES (301, 'the edited text')");
            Archiving.switchAndAwaitArchived(primary, Duration.ofSeconds(60));
            primary.stop(ShutdownMode.FAST);
        }
        postgres.takeOver(archive);
        postgres.takeOver(base);
        assertEquals("postgres", OsUser.ownerOf(archive.resolve(firstSegment())).name());
        site = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        site.start();
        restored = Restore.startAndPromote(Restore.prepare(bin, base, work.resolve("restored"),
                new Restore.Options(archive, Optional.empty(), Optional.empty())), "restored", Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.stop(0);
        }
        if (restored != null) {
            restored.close();
        }
        if (work != null) {
            Processes.deleteTree(work);
        }
    }

    @Test
    @Order(1)
    void asRootEveryTableCheckPassesAgainstAReferenceRunAsTheFilesOwner() throws Exception {
        Map<String, CheckResult> checks = accept("""
                { name = page, key = [page_id], timestamp = page_touched }
                { name = "mw.\\"Revision\\"", key = [rev_id], timestamp = rev_timestamp }
                { name = mw.text, key = [old_id] }
                """, "?currentSchema=mw");
        for (String id : new String[] {"integrity.tables.rowcount", "integrity.tables.latest-edit",
                "integrity.tables.content"}) {
            assertEquals(CheckStatus.PASSED, checks.get(id).status(), id + ": " + checks.get(id).message());
        }
        String latest = checks.get("integrity.tables.latest-edit").message();
        assertTrue(latest.contains("skipped, no timestamp configured: mw.text"), latest);
        assertTrue(checks.get("integrity.tables.rowcount").message().contains("page restored 400 rows, reference "
                + "400 rows"), checks.get("integrity.tables.rowcount").message());
    }

    @Test
    @Order(2)
    void aTableOnNeitherSideIsBrokenNamingTheSchemaNotTheArchive() throws Exception {
        // Without currentSchema, "Revision" is not on the search_path of either server.
        Map<String, CheckResult> checks = accept("""
                { name = "\\"Revision\\"", key = [rev_id], timestamp = rev_timestamp }
                """, "");
        CheckResult content = checks.get("integrity.tables.content");
        assertEquals(CheckStatus.BROKEN, content.status(), content.message());
        assertTrue(content.message().contains("exists on neither the restored server nor the reference"),
                content.message());
        assertTrue(content.message().contains("search_path") && content.message().contains("mw.\"Revision\""),
                content.message());
        assertTrue(!content.message().contains("archive holds no such table"), content.message());
    }

    @Test
    @Order(3)
    void aRowDeletedOnTheRestoredSideFailsContentNamingItsKey() throws Exception {
        restored.execute("wiki", "DELETE FROM mw.page WHERE page_id = 7");
        Map<String, CheckResult> checks = accept("""
                { name = mw.page, key = [page_id], timestamp = page_touched }
                { name = mw.text, key = [old_id] }
                """, "");
        CheckResult content = checks.get("integrity.tables.content");
        assertEquals(CheckStatus.FAILED, content.status(), content.message());
        assertTrue(content.message().contains("mw.page keyed by [page_id]: 1 missing ((page_id=7))"), content.message());
        assertEquals(CheckStatus.FAILED, checks.get("integrity.tables.rowcount").status());
    }

    @Test
    @Order(4)
    void aFolderAboveTheArchiveTheOwnerCannotEnterIsNamedWithItsModeAndTheFix() throws Exception {
        Path locked = Files.createDirectories(work.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        Path hidden = locked.resolve("archive");
        Processes.copyTree(archive, hidden, "no links in an archive");
        Map<String, CheckResult> checks = accept("""
                { name = mw.page, key = [page_id], timestamp = page_touched }
                """, "", hidden);
        CheckResult rowcount = checks.get("integrity.tables.rowcount");
        assertEquals(CheckStatus.BROKEN, rowcount.status(), rowcount.message());
        assertTrue(rowcount.message().contains("postgres cannot enter " + locked + " (owner root, group root, mode "
                + "rwx------)") && rowcount.message().contains("chmod o+x " + locked), rowcount.message());
    }

    private static Map<String, CheckResult> accept(String tables, String urlSettings) throws Exception {
        return accept(tables, urlSettings, archive);
    }

    private static Map<String, CheckResult> accept(String tables, String urlSettings, Path archive)
            throws Exception {
        Path conf = Files.writeString(work.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:%d" }
                database { url = "jdbc:postgresql://127.0.0.1:%d/wiki%s", user = postgres }
                integrity {
                  wal-archive = "%s"
                  base-backup = "%s"
                  tables = [
                %s  ]
                }
                """.formatted(site.getAddress().getPort(), restored.port(), urlSettings, archive, base, tables));
        Path reports = work.resolve("reports");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "accept", "-c", conf.toString(),
                "--reports", reports.toString(), "--only", "integrity");
        assertTrue(code == 0 || code == 1, "exit " + code + ": " + err + out);
        Summary summary = SummaryWriter.read(reports.resolve("latest/summary.json"));
        return summary.checks().stream().collect(Collectors.toMap(CheckResult::id, Function.identity()));
    }

    private static String firstSegment() throws Exception {
        try (var s = Files.list(archive)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.length() == 24).sorted().findFirst()
                    .orElseThrow();
        }
    }

    /** The postgres OS user every Debian host has; .ci/run creates it on a fresh machine. */
    private static OsUser postgresUser() throws Exception {
        Process p = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
        String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("this test needs the postgres OS user: useradd --system --user-group "
                    + "--home-dir /var/lib/postgresql postgres (.ci/run does this on a fresh machine)");
        }
        Process g = new ProcessBuilder("id", "-g", "postgres").redirectErrorStream(true).start();
        String gid = new String(g.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        g.waitFor();
        return new OsUser(Integer.parseInt(uid), Integer.parseInt(gid), "postgres");
    }
}
