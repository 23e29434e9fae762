package io.restorecheck.suites;

import io.restorecheck.report.CheckResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A suite for SuiteRunnerTest: one check of each outcome (not picked up by surefire: no Test suffix). The first
 * takes its context as a parameter, the others through the older process-wide one.
 */
@ExtendWith(SuiteContextResolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("suite-fixture")
class SampleSuite {
    @Test
    @Order(1)
    @DisplayName("sample.passes")
    void passes(SuiteContext ctx) {
        Checks.report(ctx, CheckResult.passed("sample.passes", 3, 3, "rows", "all there"));
    }

    @Test
    @Order(2)
    @DisplayName("sample.fails")
    void fails() {
        Checks.report(CheckResult.failed("sample.fails", 2, 3, "rows", "1 row missing: key 7"));
    }

    @Test
    @Order(3)
    @DisplayName("sample.skips")
    void skips() {
        Checks.report(CheckResult.skipped("sample.skips", "no base backup configured"));
    }

    @Test
    @Order(4)
    @DisplayName("sample.throws")
    void throwsWithoutReporting() {
        throw new IllegalStateException("server gone");
    }
}
