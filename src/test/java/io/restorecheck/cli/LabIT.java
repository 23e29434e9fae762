package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lab up, accept on the written config, a fault made by hand, accept again, lab down: the newcomer's tour. */
class LabIT {
    /** This test checks the Allure report, which the other integration tests turn off to save time. */
    @org.junit.jupiter.api.BeforeAll
    static void allureOn() {
        System.setProperty("restorecheck.report.allure", "true");
    }

    @org.junit.jupiter.api.AfterAll
    static void allureOff() {
        System.setProperty("restorecheck.report.allure", "false");
    }

    @TempDir
    Path reports;

    @AfterEach
    void down() {
        Main.run("lab", "down", "--reports", reports.toString());
    }

    @Test
    void acceptPassesOnTheLabFailsWhenMemcachedIsStoppedByHandAndLabDownLeavesNothing() throws Exception {
        assertEquals(0, Main.run("lab", "up", "--reports", reports.toString(), "--pages", "300"));
        Path conf = reports.resolve("lab/site.conf");
        assertTrue(Files.isRegularFile(conf));
        @SuppressWarnings("unchecked")
        Map<String, Object> state = SummaryWriter.json().readValue(reports.resolve("lab/lab.json").toFile(), Map.class);
        ProcessHandle lab = ProcessHandle.of(((Number) state.get("pid")).longValue()).orElseThrow();
        List<ProcessHandle> processes = lab.descendants().toList();

        int healthy = Main.run("accept", "-c", conf.toString(), "--reports", reports.toString());
        Summary first = SummaryWriter.read(reports.resolve("latest/summary.json"));
        assertEquals(0, healthy, "accept on the healthy lab: " + notPassed(first));
        assertTrue(Files.isRegularFile(reports.resolve("latest/index.html")));
        assertTrue(Files.isRegularFile(reports.resolve("latest/allure-report/index.html")));

        @SuppressWarnings("unchecked")
        long memcachedPid = ((Number) ((Map<String, Object>) state.get("memcached")).get("pid")).longValue();
        ProcessHandle memcached = ProcessHandle.of(memcachedPid).orElseThrow();
        memcached.destroy();
        memcached.onExit().get(10, TimeUnit.SECONDS);

        assertEquals(1, Main.run("accept", "-c", conf.toString(), "--reports", reports.toString()));
        Summary broken = SummaryWriter.read(reports.resolve("latest/summary.json"));
        assertTrue(broken.checks().stream().anyMatch(c -> c.id().startsWith("cache.")
                        && c.status() == CheckStatus.FAILED && c.message().contains(memcachedAddress(state))),
                "a cache check must fail naming the memcached address: " + notPassed(broken));

        assertEquals(0, Main.run("lab", "down", "--reports", reports.toString()));
        assertFalse(lab.isAlive());
        for (ProcessHandle p : processes) {
            assertFalse(p.isAlive(), "still running after lab down: " + p.info().commandLine().orElse("?"));
        }
        assertFalse(Files.exists(conf), "lab down removes the lab's site.conf");
    }

    @SuppressWarnings("unchecked")
    private static String memcachedAddress(Map<String, Object> state) {
        return (String) ((Map<String, Object>) state.get("memcached")).get("address");
    }

    private static List<String> notPassed(Summary s) {
        return s.checks().stream().filter(c -> c.status() != CheckStatus.PASSED)
                .map(c -> c.id() + " " + c.status().json() + ": " + c.message()).toList();
    }
}
