package io.restorecheck.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.cli.Main;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end on real PostgreSQL, memcached and the sample wiki: healthy, and interrupted. */
class DemoIT {
    @TempDir
    Path reports;

    @Test
    void healthyDemoPassesEveryCheckAndWritesTheReport() throws Exception {
        DemoRuns.Run healthy = DemoRuns.healthy();
        int code = healthy.code();

        Summary summary = healthy.summary();
        List<String> notPassed = summary.checks().stream().filter(c -> c.status() != CheckStatus.PASSED)
                .map(c -> c.id() + " " + c.status().json() + ": " + c.message()).toList();
        assertTrue(notPassed.isEmpty(), "healthy demo must pass every check: " + notPassed);
        assertEquals(0, code);
        assertEquals("pass", summary.verdict());
        assertEquals("demo", summary.command());
        assertTrue(summary.checks().stream().map(CheckResult::id).anyMatch("demo.restored-matches-primary"::equals));
        @SuppressWarnings("unchecked")
        Map<String, Object> demo = (Map<String, Object>) summary.metrics().get("demo");
        assertEquals(300, ((Number) demo.get("pages")).intValue());
        assertTrue(((Number) demo.get("edits_after_backup")).intValue() > 0);
        assertTrue(Files.readString(healthy.dir().resolve("summary.md")).contains("# restorecheck demo: PASS"));
        assertTrue(Files.isRegularFile(healthy.dir().resolve("site.conf")));
        assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                "no child process may outlive the demo");
    }

    @Test
    void ctrlCStopsEverythingExitsThreeAndWritesAPartialReport() throws Exception {
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "demo", "--reports", reports.toString(), "--pages", "300")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        List<ProcessHandle> children = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("wiki server")) {
                    // PostgreSQL and memcached are running now: interrupt as an operator's Ctrl-C would.
                    demo.descendants().forEach(children::add);
                    new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
                }
            }
        }
        assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "demo did not stop after Ctrl-C: " + lines);
        assertEquals(3, demo.exitValue(), String.join("\n", lines));
        assertFalse(children.isEmpty(), "the demo had started its servers: " + lines);
        for (ProcessHandle child : children) {
            child.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "still running after Ctrl-C: " + child.info().commandLine().orElse("?"));
        }
        Summary summary = SummaryWriter.read(reports.resolve("latest/summary.json"));
        assertEquals("fail", summary.verdict());
        CheckResult run = summary.checks().stream().filter(c -> c.id().equals("demo.run")).findFirst().orElseThrow();
        assertEquals(CheckStatus.BROKEN, run.status());
        assertTrue(run.message().contains("interrupted"), run.message());
    }
}
