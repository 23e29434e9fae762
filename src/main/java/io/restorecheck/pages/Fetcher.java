package io.restorecheck.pages;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GETs pages with at most {@code concurrency} requests in flight and at most {@code maxRate} requests per second
 * in total. Bodies are read up to a bound; a failure to connect or a timeout is an answer of its own.
 */
final class Fetcher implements AutoCloseable {
    static final int MAX_BODY_BYTES = 8 << 20;

    private final HttpClient http;
    private final ExecutorService workers;
    private final RateLimiter limiter;
    private final Duration timeout;
    private final AtomicInteger requests = new AtomicInteger();

    Fetcher(int concurrency, double maxRate, Duration timeout) {
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "pages-fetch-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "pages-http");
                    t.setDaemon(true);
                    return t;
                })).build();
        this.limiter = RateLimiter.perSecond(maxRate);
        this.timeout = timeout;
    }

    CompletableFuture<Fetched> submit(URI uri) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return get(uri);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Fetched.failed(uri, "interrupted", 0);
            }
        }, workers);
    }

    /** Requests sent so far. */
    int requests() {
        return requests.get();
    }

    private Fetched get(URI uri) throws InterruptedException {
        limiter.acquire();
        requests.incrementAndGet();
        long t0 = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("User-Agent", "restorecheck-pages").header("Accept", "text/html,*/*;q=0.5").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BODY_BYTES);
            }
            return new Fetched(uri, response.uri(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), body, null, System.nanoTime() - t0);
        } catch (HttpTimeoutException e) {
            return Fetched.failed(uri, "timed out after " + timeout.toMillis() + " ms", System.nanoTime() - t0);
        } catch (IOException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            return Fetched.failed(uri, why, System.nanoTime() - t0);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        http.executor().ifPresent(e -> ((ExecutorService) e).shutdownNow());
    }
}
