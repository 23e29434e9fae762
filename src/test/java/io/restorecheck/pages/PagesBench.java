package io.restorecheck.pages;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.demo.wiki.WikiData;
import io.restorecheck.demo.wiki.WikiSchema;
import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import io.restorecheck.report.Progress;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How fast the page checks go against how fast the same pages can merely be fetched: the sample wiki (pages
 * cached in memcached after a warm-up), the same concurrency, no rate cap. Prints both rates and the ratio, so
 * the cost of jsoup, word matching and bookkeeping shows whatever the machine. Usage:
 * {@code java -cp target/classes:target/test-classes:target/lib/* io.restorecheck.pages.PagesBench [pages] [concurrency]}
 */
public final class PagesBench {
    private static final int ROUNDS = 5;

    private PagesBench() {
    }

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path work = Files.createTempDirectory("pages-bench-");
        try (PgServer pg = PgCluster.init(PgBinaries.bundled(), work.resolve("pg"), Map.of()).start("bench");
             Memcached memcached = Memcached.start(MemcachedOptions.defaults())) {
            pg.createDatabase("wiki");
            List<String> titles = new ArrayList<>();
            try (Connection c = pg.connect("wiki")) {
                WikiSchema.create(c);
                WikiData.generate(c, pages, 42);
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT propercased_name FROM curPages")) {
                    while (rs.next()) {
                        titles.add(rs.getString(1));
                    }
                }
            }
            try (WikiServer wiki = WikiServer.start(WikiServer.Options.of(pg.jdbcUrl("wiki"), "postgres", "")
                    .withMemcached(memcached.address()))) {
                List<URI> uris = titles.stream().map(t -> URI.create(wiki.baseUrl() + WikiServer.pagePath(t))).toList();
                double warm = fetchAll(uris, concurrency);
                Path conf = Files.writeString(work.resolve("site.conf"), "site { base-url = \"" + wiki.baseUrl()
                        + "\" }\ndatabase { url = \"" + pg.jdbcUrl("wiki") + "\", user = postgres }\n"
                        + "pages { list-query = \"SELECT propercased_name AS title, text FROM curPages\", sample = all\n"
                        + "  title { selector = \"h1#page-title\" }\n"
                        + "  text { markup = wiki, selector = \"#page-body\", min-fraction = 1.0 }\n"
                        + "  links { check = false }, concurrency = " + concurrency + ", max-rate = 10000 }\n");
                SiteConfig site = SiteConfigLoader.load(conf);
                // Alternate the two so that a busy machine slows both alike; medians of the rounds.
                List<Double> bare = new ArrayList<>();
                List<Double> checked = new ArrayList<>();
                String verdict = "";
                for (int round = 0; round < ROUNDS; round++) {
                    bare.add(Math.round(fetchAll(uris, concurrency) * 10) / 10.0);
                    PageSurveyResult r = PageSurvey.run(site, new Progress(
                            new PrintStream(PrintStream.nullOutputStream()), "bench"));
                    checked.add(((Number) r.metrics().get("per_second")).doubleValue());
                    verdict = r.status().status() + ", " + r.content().status();
                }
                double baseline = median(bare);
                double rate = median(checked);
                System.out.printf(Locale.ROOT, "pages %d, concurrency %d, %d rounds (medians)%n", pages, concurrency,
                        ROUNDS);
                System.out.printf(Locale.ROOT, "uncached fetch (warm-up)   %8.1f pages/s%n", warm);
                System.out.printf(Locale.ROOT, "cached fetch only          %8.1f pages/s  (baseline) %s%n", baseline,
                        bare);
                System.out.printf(Locale.ROOT, "cached, checked            %8.1f pages/s  ratio %.2f of baseline"
                        + "  [%s] %s%n", rate, rate / baseline, verdict, checked);
            }
        } finally {
            Processes.deleteTree(work);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double fetchAll(List<URI> uris, int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long t0 = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>();
        for (URI uri : uris) {
            futures.add(pool.submit(() -> http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode()));
        }
        for (Future<Integer> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return uris.size() / seconds;
    }
}
