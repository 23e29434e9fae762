package io.restorecheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One check's result as the contract spells it. {@code measured} and {@code expected} are numbers or short
 * texts; the message carries the evidence an operator needs at 3 a.m.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CheckResult(String id, CheckStatus status, Object measured, Object expected, String unit,
                          String message) {
    public static CheckResult passed(String id, Object measured, Object expected, String unit, String message) {
        return new CheckResult(id, CheckStatus.PASSED, measured, expected, unit, message);
    }

    public static CheckResult failed(String id, Object measured, Object expected, String unit, String message) {
        return new CheckResult(id, CheckStatus.FAILED, measured, expected, unit, message);
    }

    /** Passed when {@code ok}, failed otherwise, with the same evidence. */
    public static CheckResult of(boolean ok, String id, Object measured, Object expected, String unit, String message) {
        return new CheckResult(id, ok ? CheckStatus.PASSED : CheckStatus.FAILED, measured, expected, unit, message);
    }

    public static CheckResult skipped(String id, String why) {
        return new CheckResult(id, CheckStatus.SKIPPED, null, null, null, why);
    }

    public static CheckResult broken(String id, String why) {
        return new CheckResult(id, CheckStatus.BROKEN, null, null, null, why);
    }
}
