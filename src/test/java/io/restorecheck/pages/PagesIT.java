package io.restorecheck.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.demo.wiki.WikiData;
import io.restorecheck.demo.wiki.WikiSchema;
import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.FreePorts;
import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Progress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.transcoders.StringTranscoder;
import net.rubyeye.xmemcached.utils.AddrUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page checks against the real sample wiki on bundled PostgreSQL with real memcached, each way they fail. */
class PagesIT {
    private static final int PAGES = 60;
    private static final String PAGES_SECTION = """
            pages {
              list-query = "SELECT propercased_name AS title, text, editTime FROM curPages"
              sample = %s
              recent = 5, recent-order = "editTime DESC"
              title { selector = "h1#page-title" }
              text  { markup = wiki, selector = "#page-body", min-fraction = 1.0 }
              links { exclude = ["[?&]action="] }
              concurrency = 4, max-rate = 500
            }
            """;

    @TempDir
    static Path work;
    private static PgServer postgres;
    private static final List<AutoCloseable> open = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PgCluster.init(PgBinaries.bundled(), work.resolve("pg"), Map.of()).start("pages-it");
        createWiki("wiki", PAGES);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void createWiki(String database, int pages) throws Exception {
        postgres.createDatabase(database);
        try (Connection c = postgres.connect(database)) {
            WikiSchema.create(c);
            WikiData.generate(c, pages, 7);
        }
    }

    /** A wiki on the database with its own memcached, so that what one test plants no other test sees. */
    private static Stack stack(String database, Consumer<WikiServer.Options[]> tweak) {
        Memcached memcached = Memcached.start(MemcachedOptions.defaults());
        open.add(memcached);
        WikiServer.Options[] options = {WikiServer.Options.of(postgres.jdbcUrl(database), "postgres", "")
                .withMemcached(memcached.address())};
        tweak.accept(options);
        WikiServer wiki = WikiServer.start(options[0]);
        open.add(wiki);
        return new Stack(wiki, memcached, database);
    }

    private record Stack(WikiServer wiki, Memcached memcached, String database) {
        SiteConfig config(String sample) throws Exception {
            return config(wiki.baseUrl(), sample);
        }

        SiteConfig config(String baseUrl, String sample) throws Exception {
            Path file = Files.createTempFile(work, "site", ".conf");
            Files.writeString(file, "site { base-url = \"" + baseUrl + "\" }\n"
                    + "database { url = \"" + postgres.jdbcUrl(database) + "\", user = postgres }\n"
                    + PAGES_SECTION.formatted(sample));
            return SiteConfigLoader.load(file);
        }

        PageSurveyResult survey() throws Exception {
            return PageSurvey.run(config("all"), new Progress(System.out, "pages-it"));
        }

        Document get(String title) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create(wiki.baseUrl() + WikiServer.pagePath(title))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), title);
            return Jsoup.parse(r.body(), wiki.baseUrl());
        }

        /** Puts HTML into memcached under the wiki's own key for the page, as a stale cache would hold it. */
        void plant(String title, String html) throws Exception {
            XMemcachedClientBuilder b = new XMemcachedClientBuilder(AddrUtil.getAddresses(memcached.address()));
            b.setTranscoder(new StringTranscoder("UTF-8"));
            MemcachedClient client = b.build();
            try {
                assertTrue(client.set(WikiServer.cacheKey(title), 600, html));
            } finally {
                client.shutdown();
            }
        }
    }

    private static String someTitle(String database, int offset) {
        return postgres.queryString(database, "SELECT propercased_name FROM curPages WHERE name <> 'main page'"
                + " ORDER BY name OFFSET " + offset + " LIMIT 1");
    }

    private static void assertStatus(CheckStatus expected, CheckResult r) {
        assertEquals(expected, r.status(), r.id() + ": " + r.message());
    }

    @Test
    void healthyWikiPassesStatusContentAndLinks() throws Exception {
        PageSurveyResult r = stack("wiki", o -> { }).survey();
        assertStatus(CheckStatus.PASSED, r.status());
        assertStatus(CheckStatus.PASSED, r.content());
        assertStatus(CheckStatus.PASSED, r.links());
        Map<String, Object> m = r.metrics();
        assertEquals(PAGES, m.get("checked"));
        assertTrue((int) m.get("links_checked") > 0, m.toString());
        // Each target once: pages already checked are not fetched again as link targets.
        assertTrue((int) m.get("requests") < PAGES + (int) m.get("links_checked"), m.toString());
        assertTrue(r.status().message().startsWith("all " + PAGES + " pages answered 200"), r.status().message());
    }

    @Test
    void brokenPageFailsStatusNamingThePageAndItsError() throws Exception {
        String broken = someTitle("wiki", 3);
        PageSurveyResult r = stack("wiki", o -> o[0] = o[0].withBrokenPage(broken)).survey();
        assertStatus(CheckStatus.FAILED, r.status());
        assertEquals(1, r.status().measured());
        String message = r.status().message();
        assertTrue(message.startsWith("1 of " + PAGES + " pages failed: '" + broken + "'"), message);
        assertTrue(message.contains("HTTP 500") && message.contains("error marker 'Internal Server Error'"), message);
        assertTrue(r.content().message().contains("1 page not compared"), r.content().message());
        assertTrue(r.attachments("pages.status").get(0).content().contains("template error"));
    }

    @Test
    void cachedRenderingOfANewerRevisionFailsContentWithExpectedAndShownSideBySide() throws Exception {
        Stack s = stack("wiki", o -> { });
        String stale = someTitle("wiki", 5);
        Document page = s.get(stale);
        page.getElementById("page-body").html("<p>A newer revision the restored database lost: rc-stale:1.</p>");
        s.plant(stale, page.outerHtml());
        PageSurveyResult r = s.survey();
        assertStatus(CheckStatus.PASSED, r.status());
        assertStatus(CheckStatus.FAILED, r.content());
        String message = r.content().message();
        assertTrue(message.startsWith("1 of " + PAGES + " pages show other content than the database holds: '"
                + stale + "'"), message);
        assertTrue(message.contains("expected «[" + stale.toLowerCase().replaceFirst(" ", "] ")), message);
        assertTrue(message.contains("| shown «a newer revision the restored database lost rc stale 1»"), message);
        assertTrue(r.attachments("pages.content").get(0).content().contains("expected (database):"));
    }

    @Test
    void titleOfAnotherPageFailsContent() throws Exception {
        Stack s = stack("wiki", o -> { });
        String title = someTitle("wiki", 7);
        Document page = s.get(title);
        page.getElementById("page-title").text("Somewhere Else");
        s.plant(title, page.outerHtml());
        CheckResult content = s.survey().content();
        assertStatus(CheckStatus.FAILED, content);
        assertTrue(content.message().contains("'" + title + "'") && content.message().contains(
                "title: expected '" + title + "', shown 'Somewhere Else'"), content.message());
    }

    @Test
    void errorPageAnsweringOkFailsStatusOnItsMarker() throws Exception {
        Stack s = stack("wiki", o -> { });
        String title = someTitle("wiki", 9);
        Document page = s.get(title);
        page.getElementById("page-body").append("<pre>Traceback (most recent call last):\n  File \"app.py\"</pre>");
        s.plant(title, page.outerHtml());
        CheckResult status = s.survey().status();
        assertStatus(CheckStatus.FAILED, status);
        assertTrue(status.message().contains("'" + title + "'") && status.message().contains(
                "error marker 'Traceback (most recent call last)'") && !status.message().contains("HTTP 200"),
                status.message());
    }

    @Test
    void danglingLinkFailsLinksNamingTargetAndLinkingPage() throws Exception {
        createWiki("dangling", 30);
        Stack s = stack("dangling", o -> { });
        // A page linking to another existing page, rendered and cached while the target still exists...
        String from = null;
        String target = null;
        for (int i = 0; i < 29 && target == null; i++) {
            String candidate = someTitle("dangling", i);
            Document page = s.get(candidate);
            var link = page.selectFirst("#page-body a.existing");
            if (link != null && !link.attr("title").equals(WikiData.MAIN_PAGE)) {
                from = candidate;
                target = link.attr("title");
            }
        }
        assertTrue(target != null, "no page links to another page");
        // ...then the restore loses the target, while the cached page still links to it.
        String name = target.toLowerCase();
        postgres.execute("dangling", "DELETE FROM curPages WHERE name = '" + name.replace("'", "''") + "'");
        postgres.execute("dangling", "DELETE FROM allPages WHERE name = '" + name.replace("'", "''") + "'");
        PageSurveyResult r = s.survey();
        assertStatus(CheckStatus.FAILED, r.links());
        String message = r.links().message();
        assertTrue(message.contains(WikiServer.pagePath(target) + " → HTTP 404, linked from '" + from + "'"), message);
        assertTrue(r.attachments("pages.links").get(0).content().contains(WikiServer.pagePath(target)));
    }

    @Test
    void siteThatDoesNotAnswerFailsStatusAndContent() throws Exception {
        Stack s = new Stack(null, null, "wiki");
        SiteConfig config = s.config("http://127.0.0.1:" + FreePorts.unused(), "10");
        PageSurveyResult r = PageSurvey.run(config, new Progress(System.out, "pages-it"));
        assertStatus(CheckStatus.FAILED, r.status());
        assertTrue(r.status().message().contains("no answer"), r.status().message());
        assertStatus(CheckStatus.FAILED, r.content());
        assertTrue(r.content().message().startsWith("no page could be compared"), r.content().message());
    }

    @Test
    void sampleIsSeededAndAlwaysHoldsTheMostRecentlyEditedPages() throws Exception {
        Stack s = new Stack(null, null, "wiki");
        SiteConfig config = s.config("http://127.0.0.1:1", "10");
        PageList.Listing a = PageList.read(config.database(), config.pages().orElseThrow());
        PageList.Listing b = PageList.read(config.database(), config.pages().orElseThrow());
        assertEquals(PAGES, a.listed());
        assertEquals(10, a.sampled());
        assertEquals(a.pages(), b.pages());
        Set<String> newest = Set.copyOf(List.of(postgres.queryString("wiki",
                "SELECT string_agg(propercased_name, '|') FROM (SELECT propercased_name FROM curPages"
                        + " ORDER BY editTime DESC LIMIT 5) n").split("\\|")));
        Set<String> recent = Set.copyOf(a.pages().stream().filter(ListedPage::recent).map(ListedPage::title).toList());
        assertEquals(newest, recent);
    }

    @Test
    void listQueryRunsInAReadOnlySession() throws Exception {
        Path file = Files.createTempFile(work, "site", ".conf");
        Files.writeString(file, "site { base-url = \"http://127.0.0.1:1\" }\n"
                + "database { url = \"" + postgres.jdbcUrl("wiki") + "\", user = postgres }\n"
                + "pages { list-query = \"WITH gone AS (DELETE FROM curPages RETURNING propercased_name AS title,"
                + " text) SELECT * FROM gone\" }\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PageSurvey.run(SiteConfigLoader.load(file), new Progress(System.out, "pages-it")));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals(String.valueOf(PAGES), postgres.queryString("wiki", "SELECT count(*) FROM curPages"));
    }

    @Test
    void listQueryWithoutTheTitleColumnSaysWhichColumnsItHas() throws Exception {
        Path file = Files.createTempFile(work, "site", ".conf");
        Files.writeString(file, "site { base-url = \"http://127.0.0.1:1\" }\n"
                + "database { url = \"" + postgres.jdbcUrl("wiki") + "\", user = postgres }\n"
                + "pages { list-query = \"SELECT name, text FROM curPages\" }\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PageSurvey.run(SiteConfigLoader.load(file), new Progress(System.out, "pages-it")));
        assertTrue(e.getMessage().contains("returns no column 'title' (it returns [name, text])"), e.getMessage());
    }

    @Test
    void listQueryReturningNoPageLeavesStatusAndContentBrokenNotPassed() throws Exception {
        Path file = Files.createTempFile(work, "site", ".conf");
        Files.writeString(file, "site { base-url = \"http://127.0.0.1:1\" }\n"
                + "database { url = \"" + postgres.jdbcUrl("wiki") + "\", user = postgres }\n"
                + "pages { list-query = \"SELECT propercased_name AS title, text FROM curPages WHERE false\" }\n");
        PageSurveyResult r = PageSurvey.run(SiteConfigLoader.load(file), new Progress(System.out, "pages-it"));
        assertStatus(CheckStatus.BROKEN, r.status());
        assertStatus(CheckStatus.BROKEN, r.content());
        assertStatus(CheckStatus.SKIPPED, r.links());
        assertTrue(r.status().message().contains("list-query returned 0 pages"), r.status().message());
    }
}
