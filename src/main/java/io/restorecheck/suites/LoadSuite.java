package io.restorecheck.suites;

import io.qameta.allure.Allure;
import io.restorecheck.cache.CacheVerdicts;
import io.restorecheck.load.CapacityVerdict;
import io.restorecheck.load.LoadVerdicts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Load and cache: one warm-up pass, one Gatling run with memcached stats sampled around it, the capacity search,
 * then the seven checks (DESIGN §3): {@code load.throughput}, {@code load.latency.p95}, {@code load.errors},
 * {@code load.capacity}, {@code cache.used},
 * {@code cache.hit-ratio}, {@code cache.evictions}.
 */
@DisplayName("load and cache")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SuiteContextResolver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadSuite {
    private SuiteContext ctx;
    private LoadMeasurement measured;

    @BeforeAll
    void measure(SuiteContext context) {
        ctx = context;
        measured = LoadMeasurement.run(context);
    }

    @Test
    @Order(1)
    @DisplayName(LoadVerdicts.THROUGHPUT)
    void throughput() {
        Checks.report(ctx, measured.loadCheck(LoadVerdicts.THROUGHPUT));
    }

    @Test
    @Order(2)
    @DisplayName(LoadVerdicts.P95)
    void latencyP95() {
        Checks.report(ctx, measured.loadCheck(LoadVerdicts.P95));
    }

    @Test
    @Order(3)
    @DisplayName(LoadVerdicts.ERRORS)
    void errors() {
        Checks.report(ctx, measured.loadCheck(LoadVerdicts.ERRORS));
    }

    @Test
    @Order(4)
    @DisplayName(CapacityVerdict.CAPACITY)
    void capacity() {
        Checks.report(ctx, measured.capacityCheck());
    }

    @Test
    @Order(5)
    @DisplayName(CacheVerdicts.USED)
    void cacheUsed() {
        Checks.report(ctx, measured.cacheCheck(CacheVerdicts.USED));
    }

    @Test
    @Order(6)
    @DisplayName(CacheVerdicts.HIT_RATIO)
    void hitRatio() {
        Allure.addAttachment("memcached stats over the run", "text/csv", measured.cacheSeriesCsv(), ".csv");
        Checks.report(ctx, measured.cacheCheck(CacheVerdicts.HIT_RATIO));
    }

    @Test
    @Order(7)
    @DisplayName(CacheVerdicts.EVICTIONS)
    void evictions() {
        Checks.report(ctx, measured.cacheCheck(CacheVerdicts.EVICTIONS));
    }
}
