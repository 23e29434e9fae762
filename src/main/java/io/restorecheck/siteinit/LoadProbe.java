package io.restorecheck.siteinit;

import io.restorecheck.stats.Percentiles;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A short polite probe: a handful of sequential page requests, one at a time, for the latency an idle site has.
 * The starting arrival rate and the ceilings are derived from it with stated margins; the capacity search, not
 * this probe, finds what the site sustains.
 */
final class LoadProbe {
    static final int REQUESTS = 20;
    /**
     * The starting rate is this share of what one sequential client achieves: well below the knee even when the
     * load generator shares the site's cores (at half, a lab on a busy 2-core host missed a 2 s p95 ceiling).
     */
    static final double START_SHARE = 0.2;
    static final double MAX_START_RATE = 50;
    /** p95 ceiling: this many times the idle p95, and never below MIN_P95_MS (load on a shared host is noisy). */
    static final int P95_MARGIN = 20;
    static final long MIN_P95_MS = 2_000;

    record Result(int requests, int errors, double medianMs, double p95Ms, double arrivalRate, double minThroughput,
                  long maxP95Ms, String evidence) {
    }

    private LoadProbe() {
    }

    static Result probe(List<URI> pages, Http http) throws IOException {
        double[] ms = new double[REQUESTS];
        int errors = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Http.Got got = http.get(pages.get(i % pages.size()));
            ms[i] = got.elapsedNanos() / 1e6;
            if (got.status() >= 400) {
                errors++;
            }
        }
        double median = Percentiles.median(ms);
        double p95 = Percentiles.percentile(ms, 95);
        double sequential = 1000.0 / Math.max(median, 0.1);
        double rate = Math.max(1, Math.min(MAX_START_RATE, Math.floor(sequential * START_SHARE)));
        long maxP95 = Math.max(MIN_P95_MS, (long) Math.ceil(p95 * P95_MARGIN / 100.0) * 100);
        String evidence = REQUESTS + " sequential requests over " + pages.size() + " pages: median "
                + String.format(java.util.Locale.ROOT, "%.1f", median) + " ms, p95 "
                + String.format(java.util.Locale.ROOT, "%.1f", p95) + " ms, " + errors + " errors; one client in"
                + " sequence would do " + Math.round(sequential) + " req/s";
        return new Result(REQUESTS, errors, median, p95, rate, Math.floor(rate * 0.5), maxP95, evidence);
    }
}
