package io.restorecheck.drill;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One drill as {@code drill-history.jsonl} keeps it: when, the restore time and its phases (seconds), replay speed,
 * the recovery point's data loss (seconds, null when nothing was restored), the verdict and the run folder.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"time", "label", "verdict", "restore_seconds", "fetch_seconds", "start_seconds",
        "consistency_seconds", "replay_seconds", "promote_seconds", "wal_bytes", "replay_mb_per_s",
        "data_loss_seconds", "run"})
public record DrillRecord(
        String time,
        String label,
        String verdict,
        @JsonProperty("restore_seconds") Double restoreSeconds,
        @JsonProperty("fetch_seconds") Double fetchSeconds,
        @JsonProperty("start_seconds") Double startSeconds,
        @JsonProperty("consistency_seconds") Double consistencySeconds,
        @JsonProperty("replay_seconds") Double replaySeconds,
        @JsonProperty("promote_seconds") Double promoteSeconds,
        @JsonProperty("wal_bytes") Long walBytes,
        @JsonProperty("replay_mb_per_s") Double replayMbPerSecond,
        @JsonProperty("data_loss_seconds") Double dataLossSeconds,
        String run) {

    public DrillRecord {
        if (time == null || time.isBlank()) {
            throw new IllegalArgumentException("a drill record needs its time");
        }
    }
}
