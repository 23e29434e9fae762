package io.restorecheck.load;

import io.restorecheck.demo.wiki.WikiData;
import io.restorecheck.demo.wiki.WikiSchema;
import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.FreePorts;
import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

/**
 * For load tests and benchmarks: a real PostgreSQL with the sample wiki's data, a real memcached, and two wikis on
 * the same database: one using memcached, one pointed at a port where nothing listens.
 */
public final class WikiStack implements AutoCloseable {
    public static final String DATABASE = "wiki";
    private final Path work;
    public final PgServer pg;
    public final Memcached memcached;
    public final WikiServer cached;
    public final WikiServer uncached;
    public final String deadMemcached;

    private WikiStack(Path work, PgServer pg, Memcached memcached, WikiServer cached, WikiServer uncached,
                      String deadMemcached) {
        this.work = work;
        this.pg = pg;
        this.memcached = memcached;
        this.cached = cached;
        this.uncached = uncached;
        this.deadMemcached = deadMemcached;
    }

    public static WikiStack start(int pages) throws Exception {
        Path work = Files.createTempDirectory("restorecheck-load-");
        PgServer pg = PgCluster.init(PgBinaries.bundled(), work.resolve("pg"), Map.of()).start("wiki");
        pg.createDatabase(DATABASE);
        try (Connection c = pg.connect(DATABASE)) {
            WikiSchema.create(c);
            WikiData.generate(c, pages, 7);
        }
        Memcached memcached = Memcached.start(MemcachedOptions.defaults());
        String dead = "127.0.0.1:" + FreePorts.unused();
        WikiServer.Options base = WikiServer.Options.of(pg.jdbcUrl(DATABASE), "postgres", "");
        WikiServer cached = WikiServer.start(base.withMemcached(memcached.address()));
        WikiServer uncached = WikiServer.start(base.withMemcached(dead));
        return new WikiStack(work, pg, memcached, cached, uncached, dead);
    }

    /** A site config for accept against the cached wiki, with the given cache and load sections. */
    public Path siteConfig(String cacheSection, String loadSection) throws IOException {
        return siteConfig(cached.baseUrl(), cacheSection, loadSection);
    }

    /** A site config for accept against the wiki at baseUrl (e.g. the uncached one). */
    public Path siteConfig(String baseUrl, String cacheSection, String loadSection) throws IOException {
        return Files.writeString(work.resolve("site-" + System.nanoTime() + ".conf"), """
                site     { base-url = "%s" }
                database { url = "%s", user = postgres }
                pages    { list-query = "SELECT propercased_name AS title FROM curPages", sample = 100 }
                %s
                %s
                """.formatted(baseUrl, pg.jdbcUrl(DATABASE), cacheSection, loadSection));
    }

    @Override
    public void close() {
        uncached.close();
        cached.close();
        memcached.close();
        pg.close();
        Processes.deleteTree(work);
    }
}
