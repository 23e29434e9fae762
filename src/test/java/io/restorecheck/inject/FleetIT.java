package io.restorecheck.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.InjectorsSection;
import io.restorecheck.load.GatlingLauncher;
import io.restorecheck.load.GatlingResults;
import io.restorecheck.load.LoadParameters;
import io.restorecheck.load.WikiStack;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three local injector JVMs against the real sample wiki (PostgreSQL, memcached): one merged report, counts that
 * add up, and the verdict's p95 equal to the p95 of every raw request time of every injector.
 */
class FleetIT {
    private static WikiStack stack;
    private static List<String> pages;

    @BeforeAll
    static void start() throws Exception {
        stack = WikiStack.start(100);
        List<String> titles = new ArrayList<>();
        try (var c = stack.pg.connect(WikiStack.DATABASE); var rs = c.createStatement().executeQuery(
                "SELECT propercased_name FROM curPages ORDER BY name LIMIT 30")) {
            while (rs.next()) {
                titles.add(rs.getString(1));
            }
        }
        pages = io.restorecheck.load.PageList.paths(new io.restorecheck.config.SiteSection(
                URI.create(stack.cached.baseUrl()), "/{name}"), titles);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static LoadParameters load(double ratePerSec, Duration duration) {
        return new LoadParameters(URI.create(stack.cached.baseUrl()), pages,
                List.of("/Recent_Changes"), 0.05, 1.0, ratePerSec, ratePerSec, duration, 1, Duration.ofSeconds(2),
                0.01, 11L);
    }

    @Test
    void threeLocalInjectorsMergeIntoOneReportWithSummedCountsAndTheExactP95(@TempDir Path dir) throws Exception {
        InjectorsSection cfg = InjectorsSection.DEFAULT.withCount(3);
        Path gatling = dir.resolve("gatling");
        Fleet.Run run = Fleet.run(cfg, GatlingLauncher.resolve("WikiBrowse"), load(45, Duration.ofSeconds(4)),
                gatling, "WikiBrowse");
        assertEquals(java.util.Optional.empty(), run.failure());
        List<Map<String, Object>> injectors = run.injectors();
        assertEquals(3, injectors.size());
        long sum = injectors.stream().mapToLong(m -> (Long) m.get("requests")).sum();
        GatlingResults gatlingsOwn = GatlingResults.read(run.launched().simulationLog());
        assertEquals(sum, gatlingsOwn.all().count(), "Gatling's reader on the merged log");
        assertEquals(sum, run.results().all().count());
        assertEquals(sum, run.fleet().get("merged_requests"));
        assertTrue(sum >= 0.8 * 45 * 4, sum + " requests for 45/s over 4 s");

        List<Long> raw = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            raw.addAll(LogMergeTest.rawTimes(gatling.resolve("injectors/injector-" + i + "/simulation.log")));
        }
        raw.sort(null);
        assertEquals(sum, raw.size());
        long p95 = raw.get((int) Math.ceil(0.95 * raw.size()) - 1);
        assertEquals(p95, run.results().all().p95Ms(), "p95 of all raw times " + raw);

        assertTrue(Files.isRegularFile(gatling.resolve("WikiBrowse/index.html")));
        try (Stream<Path> files = Files.walk(gatling)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().equals("index.html")).count(),
                    "one Gatling report for the fleet");
        }
    }

    @Test
    void anInjectorThatCannotRunIsAFailureNamingItsPidAndWhy(@TempDir Path dir) {
        // Not a simulation: each injector JVM starts, reads the plan and stops with exit status 3.
        Fleet.Run run = Fleet.run(new LocalExecutor(), InjectorsSection.DEFAULT.withCount(2), String.class,
                load(10, Duration.ofSeconds(1)), dir.resolve("gatling"), "WikiBrowse", Duration.ofMinutes(2));
        String why = run.failure().orElseThrow();
        assertTrue(why.startsWith("2 of 2 injectors failed: injector 0 (local injector 0 (pid "), why);
        assertTrue(why.contains("exited with status 3") && why.contains("is not a Gatling Simulation"), why);
        assertEquals(2, run.injectors().size());
    }
}
