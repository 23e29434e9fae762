package io.restorecheck.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark run as the history keeps it: one line of {@code bench-history.jsonl}. Times are ISO-8601 strings
 * (no jsr310 module); {@code commit} is null when unknown, {@code hitRatio} and {@code evictions} are null when the
 * site has no cache; {@code settings} are the postgresql.conf / memcached settings in force, sorted by name;
 * {@code run} is the name of the run folder holding the full report.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"time", "label", "commit", "throughput", "p50_ms", "p95_ms", "p99_ms", "error_ratio", "hit_ratio",
        "evictions", "settings", "run"})
public record BenchRecord(
        String time,
        String label,
        String commit,
        double throughput,
        @JsonProperty("p50_ms") double p50Ms,
        @JsonProperty("p95_ms") double p95Ms,
        @JsonProperty("p99_ms") double p99Ms,
        @JsonProperty("error_ratio") double errorRatio,
        @JsonProperty("hit_ratio") Double hitRatio,
        Long evictions,
        Map<String, String> settings,
        String run) {

    public BenchRecord {
        if (time == null || time.isBlank()) {
            throw new IllegalArgumentException("a bench record needs its time");
        }
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }
}
