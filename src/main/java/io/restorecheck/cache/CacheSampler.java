package io.restorecheck.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Samples memcached {@code stats} on every server: on demand at the edges of each phase (before, warm-up, load,
 * after) and every interval while a phase runs. The samples become the time series of the report.
 */
public class CacheSampler implements AutoCloseable {
    /** One sampling moment: seconds since the sampler started, the phase, each server's reading. */
    public record Sample(double atSeconds, String phase, List<Reading> readings) {
        public Sample {
            readings = List.copyOf(readings);
        }
    }

    private final StatsReader reader;
    private final Duration interval;
    private final long startNanos = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> periodic;

    public CacheSampler(StatsReader reader, Duration interval) {
        this.reader = reader;
        this.interval = interval;
    }

    /** A sampler for a site without memcached: samples nothing, so callers need no special case. */
    public static CacheSampler none() {
        return new CacheSampler(null, Duration.ofSeconds(1)) {
            @Override
            public Sample sample(String phase) {
                return new Sample(0, phase, List.of());
            }

            @Override
            public void every(String phase) {
            }

            @Override
            public Map<String, Map<String, String>> settings() {
                return Map.of();
            }
        };
    }

    /** Reads every server now and keeps the sample. */
    public Sample sample(String phase) {
        List<Reading> readings = reader.read();
        Sample s = new Sample((System.nanoTime() - startNanos) / 1e9, phase, readings);
        synchronized (samples) {
            samples.add(s);
        }
        return s;
    }

    /** Samples every interval, labelled with the phase, until {@link #stop()}. */
    public synchronized void every(String phase) {
        stop();
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "restorecheck-cache-stats");
                t.setDaemon(true);
                return t;
            });
        }
        periodic = scheduler.scheduleAtFixedRate(() -> sample(phase), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
    }

    public Map<String, Map<String, String>> settings() {
        return reader.settings();
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (reader != null) {
            reader.close();
        }
    }

    /**
     * The series as rows for the report: per sample, the totals over the servers that answered and the hit
     * ratio since the previous sample.
     */
    public static List<Map<String, Object>> series(List<Sample> samples) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, ServerStats> previous = new LinkedHashMap<>();
        for (Sample s : samples) {
            long hits = 0;
            long misses = 0;
            long items = 0;
            long evictions = 0;
            List<StatsDelta> deltas = new ArrayList<>();
            List<String> unreachable = new ArrayList<>();
            for (Reading r : s.readings()) {
                if (!r.ok()) {
                    unreachable.add(r.server());
                    continue;
                }
                hits += r.stats().getHits();
                misses += r.stats().getMisses();
                items += r.stats().currItems();
                evictions += r.stats().evictions();
                ServerStats before = previous.put(r.server(), r.stats());
                if (before != null) {
                    deltas.add(StatsDelta.between(before, r.stats()));
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t_s", Math.round(s.atSeconds() * 10) / 10.0);
            row.put("phase", s.phase());
            row.put("get_hits", hits);
            row.put("get_misses", misses);
            row.put("curr_items", items);
            row.put("evictions", evictions);
            StatsDelta window = StatsDelta.sum(deltas);
            row.put("window_gets", window.gets());
            row.put("window_hit_ratio", window.hitRatio().isPresent()
                    ? Math.round(window.hitRatio().getAsDouble() * 10_000) / 10_000.0 : null);
            if (!unreachable.isEmpty()) {
                row.put("unreachable", unreachable);
            }
            rows.add(row);
        }
        return rows;
    }
}
