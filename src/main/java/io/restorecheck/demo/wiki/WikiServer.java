package io.restorecheck.demo.wiki;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample wiki: serves pages of Sycamore's schema from PostgreSQL over HTTP on
 * 127.0.0.1, caching rendered HTML in memcached and deleting a page's key when it is edited.
 * See {@link Options} for what it is pointed at, and {@link #repoint} to switch databases.
 */
public final class WikiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WikiServer.class);
    private static final int BACKLOG = 512;
    private static final int QUEUED_REQUESTS = 1_024;

    static {
        // The JDK server writes headers and body separately; with Nagle on, the client's delayed ACK adds ~40 ms
        // to every response and caps the wiki at a few hundred requests per second whatever the cache does.
        // Read once, when the JDK's server configuration class loads: set it before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * How to start the wiki.
     *
     * @param jdbcUrl            the database holding curPages and allPages
     * @param memcachedServers   "host:port" entries; empty means no cache. A port where
     *                           nothing listens is allowed: every lookup is then a miss
     * @param port               the HTTP port on 127.0.0.1; 0 picks a free one
     * @param threads            HTTP worker threads
     * @param readPoolSize       read-only database connections (edits use 2 more)
     * @param cacheExpirySeconds how long memcached keeps a rendered page
     * @param brokenPage         title of a page that fails with a 500 page, or null: the
     *                           "broken-page" fault
     */
    public record Options(String jdbcUrl, String user, String password, List<String> memcachedServers, int port,
            int threads, int readPoolSize, int cacheExpirySeconds, String brokenPage) {
        public Options {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            memcachedServers = List.copyOf(memcachedServers);
            for (String server : memcachedServers) {
                if (!server.matches("[^\\s:]+:\\d{1,5}")) {
                    throw new IllegalArgumentException("memcachedServers: '" + server + "' is not host:port");
                }
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port: " + port + " is not 0..65535");
            }
            if (threads < 1 || readPoolSize < 1 || cacheExpirySeconds < 1) {
                throw new IllegalArgumentException("threads (" + threads + "), readPoolSize (" + readPoolSize
                        + ") and cacheExpirySeconds (" + cacheExpirySeconds + ") must be at least 1");
            }
        }

        /** Defaults: no memcached, a free port, 16 threads, 8 read connections, pages cached for an hour. */
        public static Options of(String jdbcUrl, String user, String password) {
            return new Options(jdbcUrl, user, password, List.of(), 0, 16, 8, 3_600, null);
        }

        public Options withMemcached(String... servers) {
            return new Options(jdbcUrl, user, password, List.of(servers), port, threads, readPoolSize,
                    cacheExpirySeconds, brokenPage);
        }

        public Options withPort(int port) {
            return new Options(jdbcUrl, user, password, memcachedServers, port, threads, readPoolSize,
                    cacheExpirySeconds, brokenPage);
        }

        public Options withThreads(int threads, int readPoolSize) {
            return new Options(jdbcUrl, user, password, memcachedServers, port, threads, readPoolSize,
                    cacheExpirySeconds, brokenPage);
        }

        public Options withCacheExpirySeconds(int cacheExpirySeconds) {
            return new Options(jdbcUrl, user, password, memcachedServers, port, threads, readPoolSize,
                    cacheExpirySeconds, brokenPage);
        }

        public Options withBrokenPage(String brokenPage) {
            return new Options(jdbcUrl, user, password, memcachedServers, port, threads, readPoolSize,
                    cacheExpirySeconds, brokenPage);
        }
    }

    private final HttpServer http;
    private final ThreadPoolExecutor workers;
    private final Pools pools;
    private final SwappablePageCache cache;

    private WikiServer(HttpServer http, ThreadPoolExecutor workers, Pools pools, SwappablePageCache cache) {
        this.http = http;
        this.workers = workers;
        this.pools = pools;
        this.cache = cache;
    }

    /** Connects to the database (failing fast when it does not answer) and memcached, then listens. */
    public static WikiServer start(Options options) {
        Pools pools = new Pools(options.jdbcUrl(), options.user(), options.password(), options.readPoolSize());
        SwappablePageCache cache = new SwappablePageCache(cache(options.memcachedServers()));
        ThreadPoolExecutor workers = workers(options.threads());
        try {
            HttpServer http = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), BACKLOG);
            http.createContext("/", new WikiHandler(
                    new PageService(pools, cache, options.cacheExpirySeconds(), options.brokenPage())));
            http.setExecutor(workers);
            http.start();
            WikiServer server = new WikiServer(http, workers, pools, cache);
            LOG.info("wiki serving {} from {} with cache {}", server.baseUrl(), options.jdbcUrl(),
                    options.memcachedServers().isEmpty() ? "none" : options.memcachedServers());
            return server;
        } catch (IOException | RuntimeException e) {
            workers.shutdownNow();
            cache.close();
            pools.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The memcached key under which a page's rendered HTML is cached, e.g. "wiki:page:main_page". */
    public static String cacheKey(String title) {
        return Titles.cacheKey(title);
    }

    /** The path of a page, e.g. "/Main_Page" for "Main Page". */
    public static String pagePath(String title) {
        return Titles.path(title);
    }

    /** "http://127.0.0.1:PORT", without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * Switches to another database (the restored server), atomically for new requests;
     * requests already running finish on the old pool, which is then closed. The cache is
     * kept as it is, as a real deployment's would be.
     */
    public void repoint(String jdbcUrl, String user, String password) {
        pools.repoint(jdbcUrl, user, password);
    }

    /**
     * Switches the page cache to other memcached servers (e.g. one restarted with other settings); empty means
     * no cache. Requests already running finish on the old client, which is then closed.
     */
    public void switchCache(List<String> memcachedServers) {
        cache.swap(cache(List.copyOf(memcachedServers)));
        LOG.info("wiki cache switched to {}", memcachedServers.isEmpty() ? "none" : memcachedServers);
    }

    private static PageCache cache(List<String> servers) {
        return servers.isEmpty() ? PageCache.none() : MemcachedPageCache.connect(servers);
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        cache.close();
        pools.close();
    }

    private static ThreadPoolExecutor workers(int threads) {
        AtomicInteger count = new AtomicInteger();
        // Bounded queue; when it is full the dispatcher runs the request itself, which stops it
        // accepting more: backpressure instead of unbounded memory.
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), r -> {
                    Thread t = new Thread(r, "wiki-http-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
