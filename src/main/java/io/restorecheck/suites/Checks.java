package io.restorecheck.suites;

import io.qameta.allure.Allure;
import io.restorecheck.report.CheckResult;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The one call a suite's test makes: records the check's result for summary.json, attaches its evidence to the
 * Allure report, and ends the JUnit test with the matching outcome (failed, skipped, broken).
 */
public final class Checks {
    private Checks() {
    }

    /** @deprecated reads the process-wide context; use {@link #report(SuiteContext, CheckResult)} */
    @Deprecated
    public static void report(CheckResult result) {
        report(SuiteContext.current(), result);
    }

    public static void report(SuiteContext context, CheckResult result) {
        context.record(result);
        Allure.addAttachment("evidence", "text/plain", evidence(result));
        switch (result.status()) {
            case PASSED -> {
            }
            case FAILED -> throw new AssertionFailedError(result.id() + ": " + result.message(),
                    result.expected(), result.measured());
            case SKIPPED -> throw new TestAbortedException(result.id() + " skipped: " + result.message());
            case BROKEN -> throw new CheckBrokenException(result.id() + " could not measure: " + result.message());
        }
    }

    static String evidence(CheckResult r) {
        return "check:    " + r.id() + "\nstatus:   " + r.status().json() + "\nmeasured: " + value(r.measured(), r.unit())
                + "\nexpected: " + value(r.expected(), r.unit()) + "\n\n" + r.message() + "\n";
    }

    private static String value(Object v, String unit) {
        return v == null ? "-" : v + (unit == null ? "" : " " + unit);
    }

    /** A check that could not measure: Allure shows it as broken, not failed. */
    static final class CheckBrokenException extends RuntimeException {
        CheckBrokenException(String message) {
            super(message);
        }
    }
}
