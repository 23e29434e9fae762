package io.restorecheck.demo.wiki.bench;

import io.restorecheck.demo.wiki.WikiData;
import io.restorecheck.demo.wiki.WikiSchema;
import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Page views per second of the sample wiki with memcached vs without, same database, same client, same run:
 * the ratio a wrong memcached port costs. Run:
 * {@code mvn -q -DskipTests test-compile && java -cp target/test-classes:target/classes:target/lib/*
 * io.restorecheck.demo.wiki.bench.CacheBench [pages] [seconds] [clients]}.
 */
public final class CacheBench {
    private static final int ROUNDS = 3;

    private CacheBench() {
    }

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("restorecheck-cachebench-");
        try (PgServer db = PgCluster.init(PgBinaries.bundled(), dir.resolve("data"), Map.of()).start("bench");
             Memcached memcached = Memcached.start(MemcachedOptions.defaults())) {
            db.createDatabase("wiki");
            List<String> paths = new ArrayList<>();
            try (Connection c = db.connect("wiki")) {
                WikiSchema.create(c);
                WikiData.generate(c, pages, 42);
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT propercased_name FROM curPages")) {
                    while (rs.next()) {
                        paths.add(WikiServer.pagePath(rs.getString(1)));
                    }
                }
            }
            WikiServer.Options base = WikiServer.Options.of(db.jdbcUrl("wiki"), "postgres", "");
            try (WikiServer cached = WikiServer.start(base.withMemcached(memcached.address()));
                 WikiServer uncached = WikiServer.start(base)) {
                warm(cached, paths);
                // Interleaved rounds, so a neighbour's burst of CPU does not land on one side only.
                double hit = 0;
                double miss = 0;
                for (int round = 1; round <= ROUNDS; round++) {
                    hit += run("cached (memcached) #" + round, cached, paths, seconds, clients) / ROUNDS;
                    miss += run("uncached (no memcached) #" + round, uncached, paths, seconds, clients) / ROUNDS;
                }
                System.out.printf(Locale.ROOT, "ratio cached/uncached: %.1fx (%d pages, %d clients, %d s each)%n",
                        hit / miss, pages, clients, seconds);
            }
        } finally {
            Processes.deleteTree(dir);
        }
    }

    /** One view of every page, so the cached side measures hits only. */
    private static void warm(WikiServer wiki, List<String> paths) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        paths.parallelStream().forEach(path -> {
            try {
                http.send(HttpRequest.newBuilder(URI.create(wiki.baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new IllegalStateException("warm-up of " + path + " failed", e);
            }
        });
        System.out.printf(Locale.ROOT, "warm-up: %d pages in %.1f s%n", paths.size(), (System.nanoTime() - t0) / 1e9);
    }

    private static double run(String label, WikiServer wiki, List<String> paths, int seconds, int clients)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong ok = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String path = paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(wiki.baseUrl() + path))
                                .build(), HttpResponse.BodyHandlers.discarding());
                        (r.statusCode() == 200 ? ok : bad).incrementAndGet();
                    } catch (Exception e) {
                        bad.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double perSecond = ok.get() / (double) seconds;
        System.out.printf(Locale.ROOT, "%-26s %8.0f page views/s  (%d ok, %d not ok)%n", label, perSecond, ok.get(),
                bad.get());
        return perSecond;
    }
}
