package io.restorecheck.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.report.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's reports on disk: index.html with the verdict and checks, Allure's report with history, JUnit XML. */
class ReportIT {
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
    Path dir;

    @Test
    void runWritesIndexAllureReportWithHistoryAndJunitXml() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:1" }
                database { url = "jdbc:postgresql://127.0.0.1:1/x", user = x, password = "pw-must-not-leak-77" }
                """);
        Path reports = dir.resolve("reports");
        Path first = run(conf, reports);
        Path second = run(conf, reports);

        String index = Files.readString(second.resolve("index.html"));
        assertTrue(index.contains("restorecheck test: FAIL"), index);
        assertTrue(index.contains("sample.fails") && index.contains("1 row missing: key 7"), index);
        assertTrue(index.contains("allure-report/index.html"), index);
        assertTrue(Files.isRegularFile(first.resolve("allure-report/index.html")));
        assertTrue(Files.isDirectory(second.resolve("allure-results/history")),
                "the first run's Allure history must be carried into the second run's results");
        // Single-file reports embed their history; it is unpacked beside them, so the trend has both runs.
        assertTrue(Files.isRegularFile(first.resolve("allure-report/history/history-trend.json")));
        assertEquals(2, io.restorecheck.report.SummaryWriter.json().readTree(second.resolve(
                "allure-report/history/history-trend.json").toFile()).size(), "one trend entry per run");
        assertTrue(Files.readString(second.resolve("allure-report/index.html")).contains("d('data/suites.json'"),
                "single-file: the data is inline, no XHR");
        try (var junit = Files.list(second.resolve("junit"))) {
            assertTrue(junit.anyMatch(p -> p.toString().endsWith(".xml")));
        }
        try (var files = Files.walk(reports)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertTrue(!Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("pw-must-not-leak-77"), "the password leaked into " + f);
            }
        }
    }

    private static Path run(Path conf, Path reports) {
        Progress progress = new Progress(System.out, "test");
        ReportedRun run = ReportedRun.start(reports, "test", progress);
        SuiteContext ctx = new SuiteContext(SiteConfigLoader.load(conf), run.dir(), Optional.empty(), progress,
                Map.of());
        run.addAll(SuiteRunner.run(ctx, List.of(SampleSuite.class)));
        Summary summary = run.finish();
        assertEquals("fail", summary.verdict());
        return run.dir().path();
    }
}
