package io.restorecheck.demo;

import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.LabException;
import io.restorecheck.lab.PgServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.transcoders.StringTranscoder;
import net.rubyeye.xmemcached.utils.AddrUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The {@code stale-cache} break: memcached holds renderings of edits the restored database does not have, as when
 * the old wiki rendered edits that never reached the archive and the cache outlived the database. The most
 * recently edited pages are rendered by the wiki from the restored database, then their cached HTML is replaced
 * by the rendering of a newer revision, under the wiki's own cache key.
 */
final class StaleCache {
    private static final int CACHE_EXPIRY_SECONDS = 3_600;

    private StaleCache() {
    }

    /** Plants newer renderings of the {@code count} most recently edited pages; returns their titles. */
    static List<String> plant(String wikiBaseUrl, String memcachedAddress, PgServer restored, String database,
                              int count) {
        List<String> titles = newest(restored, database, count);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(AddrUtil.getAddresses(memcachedAddress));
        builder.setTranscoder(new StringTranscoder("UTF-8"));
        MemcachedClient memcached = null;
        try {
            memcached = builder.build();
            for (int i = 0; i < titles.size(); i++) {
                String title = titles.get(i);
                Document page = Jsoup.parse(get(http, URI.create(wikiBaseUrl + WikiServer.pagePath(title))),
                        wikiBaseUrl);
                Element body = page.getElementById("page-body");
                if (body == null) {
                    throw new LabException("the wiki's page " + title + " has no #page-body to replace");
                }
                body.html("<h2>Edited just before the outage</h2>\n<p>This revision of <strong>" + title
                        + "</strong> was saved on the old primary minutes before the outage; its WAL never reached"
                        + " the archive, so the restored database does not have it. Marker rc-stale:" + (i + 1)
                        + ".</p>\n");
                memcached.set(WikiServer.cacheKey(title), CACHE_EXPIRY_SECONDS, page.outerHtml());
            }
            return titles;
        } catch (IOException | java.util.concurrent.TimeoutException
                 | net.rubyeye.xmemcached.exception.MemcachedException e) {
            throw new LabException("cannot plant stale pages in memcached " + memcachedAddress + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        } finally {
            if (memcached != null) {
                try {
                    memcached.shutdown();
                } catch (IOException e) {
                    System.err.println("restorecheck: closing the memcached client: " + e.getMessage());
                }
            }
        }
    }

    private static List<String> newest(PgServer server, String database, int count) {
        List<String> titles = new ArrayList<>();
        try (Connection c = server.connect(database); PreparedStatement ps = c.prepareStatement(
                "SELECT propercased_name FROM curPages ORDER BY editTime DESC LIMIT ?")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    titles.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new LabException("cannot list the newest pages on " + server + ": " + e.getMessage(), e);
        }
        return titles;
    }

    private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new LabException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }
}
