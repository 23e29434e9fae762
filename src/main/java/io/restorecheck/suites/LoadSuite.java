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
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Load and cache: one warm-up pass, one Gatling run with memcached stats sampled around it, the capacity search,
 * then the seven checks (DESIGN §3): {@code load.throughput}, {@code load.latency.p95}, {@code load.errors},
 * {@code load.capacity}, {@code cache.used},
 * {@code cache.hit-ratio}, {@code cache.evictions}.
 */
@DisplayName("load and cache")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadSuite {
    private static LoadMeasurement measured;

    @BeforeAll
    static void measure() {
        measured = LoadMeasurement.run(SuiteContext.current());
    }

    @Test
    @Order(1)
    @DisplayName(LoadVerdicts.THROUGHPUT)
    void throughput() {
        Checks.report(measured.loadCheck(LoadVerdicts.THROUGHPUT));
    }

    @Test
    @Order(2)
    @DisplayName(LoadVerdicts.P95)
    void latencyP95() {
        Checks.report(measured.loadCheck(LoadVerdicts.P95));
    }

    @Test
    @Order(3)
    @DisplayName(LoadVerdicts.ERRORS)
    void errors() {
        Checks.report(measured.loadCheck(LoadVerdicts.ERRORS));
    }

    @Test
    @Order(4)
    @DisplayName(CapacityVerdict.CAPACITY)
    void capacity() {
        Checks.report(measured.capacityCheck());
    }

    @Test
    @Order(5)
    @DisplayName(CacheVerdicts.USED)
    void cacheUsed() {
        Checks.report(measured.cacheCheck(CacheVerdicts.USED));
    }

    @Test
    @Order(6)
    @DisplayName(CacheVerdicts.HIT_RATIO)
    void hitRatio() {
        Allure.addAttachment("memcached stats over the run", "text/csv", measured.cacheSeriesCsv(), ".csv");
        Checks.report(measured.cacheCheck(CacheVerdicts.HIT_RATIO));
    }

    @Test
    @Order(7)
    @DisplayName(CacheVerdicts.EVICTIONS)
    void evictions() {
        Checks.report(measured.cacheCheck(CacheVerdicts.EVICTIONS));
    }
}
