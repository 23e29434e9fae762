package io.restorecheck.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Progress;
import io.restorecheck.report.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteRunnerTest {
    @TempDir
    Path dir;

    @Test
    void everyCheckIsAccountedForWithItsOutcomeAndReportsAreWritten() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:1" }
                database { url = "jdbc:postgresql://127.0.0.1:1/x", user = x }
                """);
        RunDirectory run = RunDirectory.create(dir.resolve("reports"), "test", LocalDateTime.now());
        SuiteContext ctx = new SuiteContext(SiteConfigLoader.load(conf), run, Optional.empty(),
                new Progress(System.out, "test"), Map.of());

        List<CheckResult> results = SuiteRunner.run(ctx, List.of(SampleSuite.class, BrokenMeasurementSuite.class));

        Map<String, CheckResult> byId = results.stream().collect(Collectors.toMap(CheckResult::id, r -> r));
        assertEquals(CheckStatus.PASSED, byId.get("sample.passes").status());
        assertEquals(CheckStatus.FAILED, byId.get("sample.fails").status());
        assertEquals(CheckStatus.SKIPPED, byId.get("sample.skips").status());
        assertEquals(CheckStatus.BROKEN, byId.get("sample.throws").status());
        assertTrue(byId.get("sample.throws").message().contains("server gone"));
        assertEquals(CheckStatus.BROKEN, byId.get("sample.never-measured").status());
        assertTrue(byId.get("sample.never-measured").message().contains("connection refused to 127.0.0.1:1"),
                byId.get("sample.never-measured").message());
        assertEquals(5, results.size());
        try (var junit = Files.list(run.resolve("junit"))) {
            assertTrue(junit.anyMatch(p -> p.getFileName().toString().endsWith(".xml")));
        }
        try (var allure = Files.list(run.resolve("allure-results"))) {
            assertTrue(allure.anyMatch(p -> p.getFileName().toString().endsWith("-result.json")));
        }
    }
}
