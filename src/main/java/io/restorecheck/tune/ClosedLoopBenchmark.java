package io.restorecheck.tune;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Provisional load until the Gatling benchmark profile takes over: a bounded number of HTTP clients, each
 * requesting the site's pages back to back (closed loop), drawn Zipf-like from the page list with fixed seeds
 * so every variant sees the same request sequence. p95 from all recorded latencies; hit ratio and evictions
 * from memcached's counters read before and after the measured phase.
 * <p>
 * The warm-up requests the pages once each in popularity order until the list or the warm-up time ends, so
 * the cache and the database's buffers hold what the measurement will ask for most, as on a site that has
 * been up for a while; it is not recorded.
 */
public final class ClosedLoopBenchmark implements Benchmark {
    static final int CLIENTS = 8;
    static final double ZIPF_EXPONENT = 1.0;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** What one phase saw: successful and failed requests, latencies of all, wall time. */
    private record Phase(long ok, long errors, long[] latencyNanos, long elapsedNanos) {
    }

    @Override
    public Sample run(Target target, Duration warmUp, Duration duration) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, r -> {
            Thread t = new Thread(r, "tune-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            Zipf zipf = new Zipf(target.pages().size(), ZIPF_EXPONENT);
            if (!warmUp.isZero()) {
                warmUp(clients, http, target, warmUp);
            }
            MemcachedStats.Counters before = target.cacheServers().isEmpty() ? null
                    : MemcachedStats.counters(target.cacheServers());
            Phase measured = phase(clients, http, target, zipf, duration);
            MemcachedStats.Counters delta = before == null ? new MemcachedStats.Counters(0, 0, 0)
                    : MemcachedStats.counters(target.cacheServers()).minus(before);
            double seconds = measured.elapsedNanos() / 1e9;
            return new Sample(measured.ok() / seconds, percentile(measured.latencyNanos(), 0.95) / 1e6,
                    before == null ? Double.NaN : delta.hitRatio(), delta.evictions(),
                    measured.ok() + measured.errors(), measured.errors());
        } finally {
            clients.shutdownNow();
        }
    }

    private static void warmUp(ExecutorService clients, HttpClient http, Target target, Duration length) {
        long deadline = System.nanoTime() + length.toNanos();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            futures.add(clients.submit(() -> {
                int at;
                while (System.nanoTime() < deadline && (at = next.getAndIncrement()) < target.pages().size()) {
                    try {
                        http.send(HttpRequest.newBuilder(target.pages().get(at)).timeout(REQUEST_TIMEOUT).GET().build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (IOException e) {
                        // A failed warm-up request only warms less; the measured phase counts errors.
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get(length.toMillis() + REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the warm-up on " + target.site(), e);
            } catch (Exception e) {
                throw new IllegalStateException("a warm-up client failed on " + target.site() + ": " + e, e);
            }
        }
    }

    private static Phase phase(ExecutorService clients, HttpClient http, Target target, Zipf zipf,
            Duration length) {
        long t0 = System.nanoTime();
        long deadline = t0 + length.toNanos();
        List<Future<Phase>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Random random = new Random(i);
            futures.add(clients.submit(() -> client(http, target, zipf, random, deadline)));
        }
        long ok = 0;
        long errors = 0;
        List<long[]> latencies = new ArrayList<>();
        for (Future<Phase> f : futures) {
            try {
                Phase p = f.get(length.toMillis() + REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
                ok += p.ok();
                errors += p.errors();
                latencies.add(p.latencyNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the load on " + target.site(), e);
            } catch (Exception e) {
                throw new IllegalStateException("a load client failed on " + target.site() + ": " + e, e);
            }
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        return new Phase(ok, errors, all, System.nanoTime() - t0);
    }

    private static Phase client(HttpClient http, Target target, Zipf zipf, Random random, long deadline) {
        long ok = 0;
        long errors = 0;
        long[] latencies = new long[1_024];
        int n = 0;
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            HttpRequest request = HttpRequest.newBuilder(target.pages().get(zipf.next(random)))
                    .timeout(REQUEST_TIMEOUT).GET().build();
            long start = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    ok++;
                } else {
                    errors++;
                }
            } catch (IOException e) {
                errors++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = System.nanoTime() - start;
        }
        return new Phase(ok, errors, Arrays.copyOf(latencies, n), 0);
    }

    /** The nearest-rank percentile ({@code q} in 0..1); NaN for no values. */
    static double percentile(long[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
