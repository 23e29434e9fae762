package io.restorecheck.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of one check; {@code broken} means the check could not measure (evidence in the message). */
public enum CheckStatus {
    PASSED, FAILED, SKIPPED, BROKEN;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }
}
