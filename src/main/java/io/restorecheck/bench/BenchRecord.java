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
 * {@code run} is the name of the run folder holding the full report; {@code capacity} is the capacity knee in req/s
 * (load.capacity), null in records from before it was measured or when the search was off.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"time", "label", "commit", "throughput", "p50_ms", "p95_ms", "p99_ms", "error_ratio", "hit_ratio",
        "evictions", "settings", "run", "capacity"})
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
        String run,
        Double capacity) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public BenchRecord {
        if (time == null || time.isBlank()) {
            throw new IllegalArgumentException("a bench record needs its time");
        }
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** A record without a capacity (the search was off). */
    public BenchRecord(String time, String label, String commit, double throughput, double p50Ms, double p95Ms,
                       double p99Ms, double errorRatio, Double hitRatio, Long evictions, Map<String, String> settings,
                       String run) {
        this(time, label, commit, throughput, p50Ms, p95Ms, p99Ms, errorRatio, hitRatio, evictions, settings, run,
                null);
    }

    /** The same record with a capacity knee. */
    public BenchRecord withCapacity(Double capacityPerSec) {
        return new BenchRecord(time, label, commit, throughput, p50Ms, p95Ms, p99Ms, errorRatio, hitRatio, evictions,
                settings, run, capacityPerSec);
    }
}
