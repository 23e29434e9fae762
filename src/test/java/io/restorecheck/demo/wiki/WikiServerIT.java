package io.restorecheck.demo.wiki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample wiki on real PostgreSQL and memcached: pages served, cached, invalidated on edit. */
class WikiServerIT {
    @TempDir
    static Path dir;

    static PgServer db;
    static Memcached memcached;
    static WikiServer wiki;
    static MemcachedClient stats;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        db = PgCluster.init(PgBinaries.bundled(), dir.resolve("data"), Map.of()).start("wiki-it");
        db.createDatabase("wiki");
        try (Connection c = db.connect("wiki")) {
            WikiSchema.create(c);
            WikiData.generate(c, 50, 7);
        }
        memcached = Memcached.start(MemcachedOptions.defaults());
        wiki = WikiServer.start(WikiServer.Options.of(db.jdbcUrl("wiki"), "postgres", "")
                .withMemcached(memcached.address()));
        stats = new XMemcachedClientBuilder(java.util.List.of(
                new InetSocketAddress("127.0.0.1", memcached.port()))).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stats != null) {
            stats.shutdown();
        }
        if (wiki != null) {
            wiki.close();
        }
        if (memcached != null) {
            memcached.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void secondViewOfAPageIsAMemcachedHit() throws Exception {
        long hitsBefore = getHits();
        HttpResponse<String> first = get(WikiServer.pagePath(WikiData.MAIN_PAGE));
        HttpResponse<String> second = get(WikiServer.pagePath(WikiData.MAIN_PAGE));

        assertEquals(200, first.statusCode());
        assertEquals(first.body(), second.body());
        assertTrue(first.body().contains(WikiData.MAIN_PAGE), first.body());
        assertTrue(getHits() > hitsBefore, "get_hits must grow on the second view: before " + hitsBefore);
    }

    @Test
    void editThroughTheWikiInvalidatesTheCachedPage() throws Exception {
        String path = WikiServer.pagePath(WikiData.MAIN_PAGE);
        get(path);
        HttpResponse<String> edit = HTTP.send(HttpRequest.newBuilder(URI.create(wiki.baseUrl() + path
                        + "?action=edit&user=it")).POST(HttpRequest.BodyPublishers.ofString("Fresh text marker-xyz."))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(2, edit.statusCode() / 100, edit.body());

        assertTrue(get(path).body().contains("marker-xyz"), "the edit must show at once: the cached page was deleted");
        assertTrue(get(path + "?action=raw").body().contains("marker-xyz"));
    }

    @Test
    void recentChangesAndMissingPages() throws Exception {
        assertEquals(200, get("/Recent_Changes").statusCode());
        assertEquals(404, get("/No_Such_Page_Here").statusCode());
    }

    private static long getHits() throws Exception {
        return stats.getStats().values().stream().mapToLong(s -> Long.parseLong(s.get("get_hits"))).sum();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(wiki.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
