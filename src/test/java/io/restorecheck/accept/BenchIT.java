package io.restorecheck.accept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.bench.BenchHistory;
import io.restorecheck.cli.Main;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two healthy nightly runs on the lab build a history; a run with memcached on the wrong port is a regression. */
class BenchIT {
    /**
     * The lab's default page count: an uncached view scans every page's text, so with 300 pages the broken wiki
     * held the lab's max-rate 2000/s on CI's quiet machine and lost no capacity (only its hit ratio).
     */
    private static final String PAGES = "6000";

    @TempDir
    Path reports;

    @Test
    void memcachedPortRunAfterTwoHealthyRunsIsFlaggedAsARegression() throws Exception {
        String root = reports.toString();
        assertEquals(0, Main.run("bench", "--lab", "--pages", PAGES, "--reports", root), "first healthy run");
        assertEquals(0, Main.run("bench", "--lab", "--pages", PAGES, "--reports", root), "second healthy run");
        Summary second = SummaryWriter.read(reports.resolve("latest/summary.json"));
        assertEquals(CheckStatus.SKIPPED, check(second, "bench.regression").status(),
                "one previous run is no baseline yet: " + check(second, "bench.regression").message());

        int code = Main.run("bench", "--lab", "--pages", PAGES, "--reports", root, "--break", "memcached-port");

        Summary broken = SummaryWriter.read(reports.resolve("latest/summary.json"));
        CheckResult regression = check(broken, "bench.regression");
        assertEquals(1, code);
        assertEquals(CheckStatus.FAILED, regression.status(), regression.message());
        assertTrue(regression.message().contains("hit ratio"), regression.message());
        // A hard fault: judged at once on two runs of history, the capacity it cost named first (issue 11).
        assertTrue(regression.message().startsWith("regression: capacity "), regression.message());
        assertEquals("req/s", regression.unit(), "measured/expected describe the capacity: " + regression.measured());
        @SuppressWarnings("unchecked")
        Map<String, Object> bench = (Map<String, Object>) broken.metrics().get("bench");
        assertEquals(Boolean.TRUE, bench.get("regression"));
        assertEquals(3, BenchHistory.load(reports.resolve("bench-history")).size());
        assertTrue(Files.isRegularFile(reports.resolve("latest/bench-trend.png")));
        assertTrue(Files.readString(reports.resolve("latest/index.html")).contains("bench-trend.png"));
    }

    private static CheckResult check(Summary s, String id) {
        return s.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + s.checks()));
    }
}
