package io.restorecheck.inject;

import io.restorecheck.load.GatlingResults;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Gatling's figures for the merged log with every count and percentile replaced by the merged histograms' (exact:
 * the percentiles of all requests together, not a mean of the injectors' percentiles, and not Gatling's t-digest
 * estimate). Rates and errors stay Gatling's.
 */
final class ExactResults {
    private ExactResults() {
    }

    static GatlingResults of(GatlingResults gatling, Latencies merged) {
        GatlingResults.RequestStats all = exact(gatling.all(), merged.all());
        List<GatlingResults.RequestStats> requests = new ArrayList<>();
        for (GatlingResults.RequestStats r : gatling.requests()) {
            Latencies.Entry e = merged.byName().get(r.name());
            requests.add(e == null ? r : exact(r, e));
        }
        return new GatlingResults(gatling.simulation(), all, requests, gatling.errors(), gatling.durationSeconds());
    }

    private static GatlingResults.RequestStats exact(GatlingResults.RequestStats r, Latencies.Entry e) {
        Histogram h = e.histogram;
        if (e.count() == 0) {
            return r;
        }
        return new GatlingResults.RequestStats(r.name(), e.count(), e.ok, e.ko, r.meanPerSec(),
                (int) Math.round(h.getMean()), (int) h.getValueAtPercentile(50), (int) h.getValueAtPercentile(75),
                (int) h.getValueAtPercentile(95), (int) h.getValueAtPercentile(99), (int) h.getMaxValue());
    }
}
