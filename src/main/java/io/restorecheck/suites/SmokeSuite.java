package io.restorecheck.suites;

import io.restorecheck.report.CheckResult;
import io.restorecheck.smoke.Smoke;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The smoke checks: {@link Smoke} probes every part once (or until ready, with the {@code smoke.wait} option),
 * then each test reports one part. Measuring lives in the smoke package; this class only reports.
 */
@DisplayName("smoke")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SuiteContextResolver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SmokeSuite {
    /** Option: how long to poll until every part is ready ({@link Duration}; absent or zero: probe once). */
    static final String WAIT = "smoke.wait";
    private SuiteContext ctx;
    private Smoke.Outcome outcome;

    @BeforeAll
    void measure(SuiteContext context) {
        ctx = context;
        outcome = Smoke.run(context.site(), context.run().reportsRoot(), context.option(WAIT, Duration.class)
                .orElse(Duration.ZERO), context.progress()::note);
        context.metric("smoke", outcome.metrics());
    }

    @AfterAll
    void release() {
        outcome = null;
    }

    @Test
    @Order(1)
    @DisplayName("smoke.database")
    void database() {
        report("smoke.database");
    }

    @Test
    @Order(2)
    @DisplayName("smoke.archiving")
    void archiving() {
        report("smoke.archiving");
    }

    @Test
    @Order(3)
    @DisplayName("smoke.cache")
    void cache() {
        report("smoke.cache");
    }

    @Test
    @Order(4)
    @DisplayName("smoke.site")
    void site() {
        report("smoke.site");
    }

    @Test
    @Order(5)
    @DisplayName("smoke.services")
    void services() {
        report("smoke.services");
    }

    private void report(String id) {
        CheckResult result = outcome.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElse(CheckResult.broken(id, "the smoke probe reported nothing for " + id));
        Checks.report(ctx, result);
    }
}
