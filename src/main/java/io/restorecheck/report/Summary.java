package io.restorecheck.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code summary.json}; the verdict is derived from the checks, never set by hand. Times are
 * ISO-8601 with offset.
 */
@JsonIgnoreProperties(value = "verdict", allowGetters = true)
@JsonPropertyOrder({"verdict", "command", "started", "finished", "checks", "metrics"})
public record Summary(String command, String started, String finished, List<CheckResult> checks,
                      Map<String, Object> metrics) {
    public Summary {
        checks = List.copyOf(checks);
        metrics = Map.copyOf(metrics);
    }

    /** "pass" only when at least one check ran and none failed or broke. */
    @JsonProperty("verdict")
    public String verdict() {
        boolean bad = checks.stream().anyMatch(c -> c.status() == CheckStatus.FAILED || c.status() == CheckStatus.BROKEN);
        boolean anyPassed = checks.stream().anyMatch(c -> c.status() == CheckStatus.PASSED);
        return !bad && anyPassed ? "pass" : "fail";
    }
}
