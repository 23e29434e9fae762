package io.restorecheck.load;

import io.restorecheck.stats.Percentiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pass over the sampled pages before the measured load, so a cold cache is not mixed into the warm numbers.
 * A few parallel readers, each path once; its own numbers are the cold ones the report states.
 */
public final class WarmUp {
    private static final int READERS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private WarmUp() {
    }

    /** Cold numbers: how the site did while every page came from the database for the first time. */
    public record Result(int requests, int errors, double seconds, long p95Ms, long maxMs, String firstError) {
        public double perSec() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests);
            m.put("errors", errors);
            m.put("duration_s", LoadMath.round(seconds, 2));
            m.put("req_per_sec", LoadMath.round(perSec(), 2));
            m.put("p95_ms", p95Ms);
            m.put("max_ms", maxMs);
            if (firstError != null) {
                m.put("first_error", firstError);
            }
            return m;
        }
    }

    /** GETs every path once, within {@code maxTime}; paths left when it runs out are not visited. */
    public static Result run(String baseUrl, List<String> paths, Duration maxTime) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + maxTime.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Long> times = java.util.Collections.synchronizedList(new ArrayList<>());
        String[] firstError = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(READERS, r -> {
            Thread t = new Thread(r, "restorecheck-warm-up");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < paths.size() && System.nanoTime() < deadline;
                         k = next.getAndIncrement()) {
                        String url = baseUrl + paths.get(k);
                        long start = System.nanoTime();
                        String error = get(http, url);
                        times.add((System.nanoTime() - start) / 1_000_000);
                        if (error != null) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = url + ": " + error;
                                }
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : readers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("warm-up failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] ms;
        synchronized (times) {
            ms = times.stream().mapToLong(Long::longValue).toArray();
        }
        long max = java.util.Arrays.stream(ms).max().orElse(0);
        return new Result(ms.length, errors.get(), seconds, Percentiles.percentile(ms, 95), max, firstError[0]);
    }

    private static String get(HttpClient http, String url) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                    .header("User-Agent", "restorecheck warm-up").GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? null : "status " + r.statusCode();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
