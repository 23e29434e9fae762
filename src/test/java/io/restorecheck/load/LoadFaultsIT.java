package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restorecheck.cli.Main;
import io.restorecheck.demo.wiki.WikiServer;
import io.restorecheck.lab.Memcached;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in the middle of the load, on the real wiki, PostgreSQL and memcached: the run ends within its bound,
 * writes its report, fails the checks that saw the fault with the cause named, and leaves no child running.
 */
class LoadFaultsIT {
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static WikiStack stack;
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path reports;

    @BeforeAll
    static void start() throws Exception {
        stack = WikiStack.start(100);
    }

    @AfterAll
    static void stop() {
        LATER.shutdownNow();
        stack.close();
    }

    @Test
    void memcachedKilledMidLoadFailsTheCacheChecksNamingTheServer() throws Exception {
        try (Memcached victim = Memcached.start(MemcachedOptions.defaults());
             WikiServer wiki = WikiServer.start(WikiServer.Options.of(stack.pg.jdbcUrl(WikiStack.DATABASE),
                     "postgres", "").withMemcached(victim.address()))) {
            Path conf = config(wiki.baseUrl(), victim.address(), "warm-up = false");
            Set<Long> before = children();
            // Killed once the load is running: after its 40th get (no warm-up, so every get is the load's).
            var killer = LATER.scheduleWithFixedDelay(() -> {
                if (victim.isRunning() && gets(victim.port()) >= 40) {
                    ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
            Summary s = acceptLoad(conf);
            killer.cancel(false);
            assertTrue(!victim.isRunning(), "memcached was killed during the load");
            for (String id : new String[] {"cache.used", "cache.hit-ratio", "cache.evictions"}) {
                CheckResult c = check(s, id);
                assertEquals(CheckStatus.FAILED, c.status(), id + ": " + c.message());
                assertTrue(c.message().contains(victim.address()), id + ": " + c.message());
            }
            assertNoNewChildren(before);
        }
    }

    @Test
    void siteAnswering500FromMidLoadOnFailsLoadErrorsWithTheStatus() throws Exception {
        // A front that passes requests to the real wiki, then answers 500 to everything from a moment on.
        HttpServer front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        HttpClient http = HttpClient.newHttpClient();
        java.util.concurrent.atomic.AtomicLong flip = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        java.util.concurrent.atomic.AtomicInteger loadRequests = new java.util.concurrent.atomic.AtomicInteger();
        front.createContext("/", exchange -> {
            try (exchange; InputStream ignored = exchange.getRequestBody()) {
                // The warm-up says who it is; the load's requests are counted, and the 40th flips the site.
                String agent = exchange.getRequestHeaders().getFirst("User-Agent");
                if ((agent == null || !agent.contains("warm-up")) && loadRequests.incrementAndGet() == 40) {
                    flip.set(System.nanoTime());
                }
                if (System.nanoTime() >= flip.get()) {
                    byte[] body = "Internal Server Error".getBytes();
                    exchange.sendResponseHeaders(500, body.length);
                    exchange.getResponseBody().write(body);
                    return;
                }
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(stack.cached.baseUrl()
                        + exchange.getRequestURI())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                // Headers as the wiki sent them (Location of its redirects included), framing left to this server.
                r.headers().map().forEach((name, values) -> {
                    if (!Set.of("content-length", "transfer-encoding", "connection").contains(
                            name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(r.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        front.setExecutor(Executors.newFixedThreadPool(8));
        front.start();
        try {
            Path conf = config("http://127.0.0.1:" + front.getAddress().getPort(), stack.memcached.address(),
                    "warm-up = true");
            Set<Long> before = children();
            Summary s = acceptLoad(conf);
            CheckResult errors = check(s, "load.errors");
            assertEquals(CheckStatus.FAILED, errors.status(), errors.message());
            assertTrue(((Number) errors.measured()).doubleValue() > 0.2, errors.message());
            assertTrue(errors.message().contains("500"), errors.message());
            assertNoNewChildren(before);
        } finally {
            front.stop(0);
        }
    }

    /** memcached's cmd_get counter, read with a raw {@code stats}; -1 when it does not answer. */
    private static long gets(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("stats\r\n".getBytes());
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream()));
            for (String line = in.readLine(); line != null && !line.equals("END"); line = in.readLine()) {
                if (line.startsWith("STAT cmd_get ")) {
                    return Long.parseLong(line.substring("STAT cmd_get ".length()).trim());
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private Path config(String baseUrl, String memcached, String loadExtra) throws Exception {
        return Files.writeString(reports.resolve("site-" + System.nanoTime() + ".conf"), """
                site     { base-url = "%s" }
                database { url = "%s", user = postgres }
                pages    { list-query = "SELECT propercased_name AS title FROM curPages", sample = 100 }
                cache    { servers = ["%s"], min-hit-ratio = 0 }
                load     { duration = 8s, arrival-rate = 20, max-rate = 40, %s }
                """.formatted(baseUrl, stack.pg.jdbcUrl(WikiStack.DATABASE), memcached, loadExtra));
    }

    /** accept --only load within the bound; exit 1 (checks failed, not a harness failure) and a report. */
    private Summary acceptLoad(Path conf) throws Exception {
        Path out = reports.resolve("out-" + System.nanoTime());
        int exit = assertTimeoutPreemptively(BOUND, () -> Main.run("accept", "-c", conf.toString(), "--only", "load",
                "--reports", out.toString()));
        assertEquals(1, exit);
        assertTrue(Files.isRegularFile(out.resolve("latest/summary.md")), "the report is written");
        return SummaryWriter.read(out.resolve("latest/summary.json"));
    }

    private static Set<Long> children() {
        // Direct children: what the harness starts (servers, Gatling); a server's own backends come and go.
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static void assertNoNewChildren(Set<Long> before) {
        Set<String> left = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> !before.contains(p.pid())).map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), left, "processes left behind by the run");
    }

    private static CheckResult check(Summary s, String id) {
        return s.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + s.checks()));
    }
}
