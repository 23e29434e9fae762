package io.restorecheck.siteinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small site on 127.0.0.1 whose title sits in a span inside an h1 inside a header, with a skin of login, edit and
 * history links on every page: init finds the nested title element, the page path and the skin's links.
 */
class SiteSurveyIT {
    private static final Map<String, String> PAGES = Map.of("Home", "Welcome to the nested wiki, start anywhere.",
            "Apple_Pie", "Apples, butter and flour baked until golden.", "Banana_Bread", "Ripe bananas mashed into a "
                    + "sweet loaf.", "Cherry_Tart", "Sour cherries on a short crust.");
    static HttpServer server;
    static URI base;
    /** The site's own memcached, asked on every page view, and one on the same machine the site never asks. */
    static Memcached used;
    static Memcached bystander;

    @BeforeAll
    static void start() throws Exception {
        used = Memcached.start(MemcachedOptions.defaults());
        bystander = Memcached.start(MemcachedOptions.defaults());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String name = path.equals("/") ? "Home" : path.substring(1);
            String text = PAGES.get(name);
            byte[] body;
            int status = 200;
            if (path.equals("/Special:Login")) {
                body = page("Log in", "Log in here.", "Special:Login");
            } else if (text == null) {
                status = 404;
                body = "<html><body>no such page</body></html>".getBytes(StandardCharsets.UTF_8);
            } else {
                body = page(name.replace('_', ' '), text, name);
            }
            askCache(name);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("X-Cache-Backend", "memcached " + used.address());
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static byte[] page(String title, String text, String path) {
        StringBuilder nav = new StringBuilder();
        for (String p : List.of("Apple_Pie", "Banana_Bread", "Cherry_Tart")) {
            nav.append("<li><a href=\"/").append(p).append("\">").append(p.replace('_', ' ')).append("</a></li>");
        }
        return ("<!DOCTYPE html><html><head><title>" + title + " \u2013 Nested Wiki</title></head><body>"
                + "<div id=\"top\"><a href=\"/Home\">Nested Wiki</a> <a href=\"/Special:Login\">Log in</a></div>"
                + "<header class=\"page-header\"><h1><span class=\"mw-title\">" + title + "</span></h1></header>"
                + "<div class=\"content\"><p>" + text + "</p></div>"
                + "<ul class=\"actions\"><li><a href=\"/" + path + "?action=edit\">edit</a></li>"
                + "<li><a href=\"/" + path + "?action=history\">history</a></li></ul>"
                + "<ul class=\"nav\">" + nav + "</ul></body></html>").getBytes(StandardCharsets.UTF_8);
    }

    /** What a caching site does on a page view: one get. */
    private static void askCache(String key) throws java.io.IOException {
        try (Socket s = new Socket("127.0.0.1", used.port())) {
            s.getOutputStream().write(("get page:" + key.replace(' ', '_') + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[64];
            StringBuilder reply = new StringBuilder();
            while (!reply.toString().endsWith("END\r\n")) {
                int n = s.getInputStream().read(buf);
                if (n < 0) {
                    break;
                }
                reply.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
        }
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        used.close();
        bystander.close();
    }

    @Test
    void theMemcachedTheSiteAsksOnEveryPageIsProposedNotAnotherOnTheSameHost() throws Exception {
        Http http = new Http();
        CacheProbe.Before before = CacheProbe.before("127.0.0.1");
        assertTrue(before.sources().stream().anyMatch(s -> s.startsWith(bystander.address())), before.sources()
                .toString());
        SiteSurvey.Shape shape = SiteSurvey.survey(base, http);
        for (SiteSurvey.Page page : shape.pages()) {
            CacheProbe.fromHeaders(before, page.got().headers(), http.requests());
        }
        for (int i = 0; i < 5; i++) {
            http.get(base.resolve("/Apple_Pie"));
        }
        CacheProbe.Result result = CacheProbe.after(before, http.requests());
        assertEquals(List.of(used.address()), result.servers(), result.toString());
        assertTrue(result.others().stream().anyMatch(o -> o.startsWith(bystander.address() + " (cmd_get +0)")),
                result.others().toString());
    }

    @Test
    void headerNamingTheCacheMakesItACandidateEvenOffTheUsualPorts() throws Exception {
        Http http = new Http();
        Http.Got got = http.get(base.resolve("/Banana_Bread"));
        CacheProbe.Before before = new CacheProbe.Before();
        CacheProbe.fromHeaders(before, got.headers(), http.requests());
        assertEquals(List.of(used.address() + " (named in the site's x-cache-backend header)"),
                before.sources().stream().map(x -> x.toLowerCase(java.util.Locale.ROOT)).toList());
    }

    @Test
    void titleNestedInHeaderIsFoundOnEveryPageAndSkinLinksAreExcluded() throws Exception {
        SiteSurvey.Shape shape = SiteSurvey.survey(base, new Http());
        assertEquals("/{name}", shape.pagePath());
        assertTrue(shape.pages().size() >= 4, "fetched " + shape.pages().size());
        List<Document> docs = shape.pages().stream().map(SiteSurvey.Page::doc).toList();

        List<Selectors.Sample> samples = Selectors.fromHeadTitles(docs);
        assertEquals(docs.size(), samples.size());
        Selectors.Proposal title = Selectors.title(samples).orElseThrow();
        assertEquals(title.tried(), title.right(), title.toString());
        assertNotEquals("title", title.selector());
        for (Selectors.Sample s : samples) {
            Element shown = s.doc().selectFirst(title.selector());
            assertNotNull(shown, title.selector());
            assertEquals(s.title(), shown.text());
        }

        LinkExcludes.Result links = LinkExcludes.of(docs, base, p -> PAGES.containsKey(p.substring(1)));
        List<String> regexes = links.excludes().stream().map(LinkExcludes.Exclude::regex).toList();
        assertTrue(regexes.contains("[?&]action="), regexes.toString());
        assertTrue(regexes.contains("^/Special:Login$"), regexes.toString());
        assertTrue(links.keptPages().containsAll(List.of("/Home", "/Apple_Pie")), links.keptPages().toString());
    }
}
