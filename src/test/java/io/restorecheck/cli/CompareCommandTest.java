package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.RunDirectory;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare RUN_A RUN_B}: exit 0 and its own run folder when both runs read; exit 2 and nothing written else. */
class CompareCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void twoRunsAreComparedIntoTheirOwnRunFolder() throws Exception {
        Path runs = dir.resolve("runs");
        Path a = writeRun(runs, LocalDateTime.of(2026, 11, 25, 2, 0), CheckResult.passed("load.throughput", 98.7, 150,
                "req/s", "ok"), 98.7);
        Path b = writeRun(runs, LocalDateTime.of(2026, 11, 26, 2, 0), CheckResult.failed("load.throughput", 41.2, 150,
                "req/s", "slow"), 41.2);
        Path reports = dir.resolve("reports");
        Files.writeString(a.resolve("index.html"), "<html>run A</html>"); // as a finished run leaves it
        Files.writeString(b.resolve("index.html"), "<html>run B</html>");

        // A as a run folder, B as the path of its summary.json
        assertEquals(0, run("compare", "--reports", reports.toString(), a.toString(), b.resolve("summary.json").toString()),
                err.toString());

        String text = out.toString();
        assertTrue(text.startsWith("20261125-020000-bench vs 20261126-020000-bench: 1 check changed status, "
                + "1 metric differs"), text);
        assertTrue(text.contains("load.throughput  passed  failed  <- changed"), text);
        Path compareRun = reports.resolve("latest").toRealPath();
        assertTrue(compareRun.getFileName().toString().endsWith("-compare"), compareRun.toString());
        assertTrue(Files.readString(compareRun.resolve("compare.md")).contains("| `load.throughput` | 98.7 | 41.2 | "
                + "-57.5 | -58.257% |"));
        Document page = Jsoup.parse(Files.readString(compareRun.resolve("compare.html")));
        assertEquals(List.of("load.throughput passed failed"), page.select("#checks tr.changed").eachText());
        assertEquals(List.of("load.throughput 98.7 41.2 -57.5 -58.257%"), page.select("#metrics tr.changed")
                .eachText());
        List<String> runLinks = page.select("a[href$=index.html]").eachAttr("href");
        assertEquals(2, runLinks.size(), page.html());
        assertEquals(a.resolve("index.html").toRealPath(), compareRun.resolve(runLinks.get(0)).toRealPath());
        assertEquals(b.resolve("index.html").toRealPath(), compareRun.resolve(runLinks.get(1)).toRealPath());
        assertTrue(Jsoup.parse(Files.readString(compareRun.resolve("index.html"))).select("a[href=compare.html]")
                .size() == 1, "the compare run's index.html links its page");
        JsonNode compareJson = SummaryWriter.json().readTree(compareRun.resolve("compare.json").toFile());
        assertEquals("20261125-020000-bench", compareJson.get("a").asText());
        JsonNode summary = SummaryWriter.json().readTree(compareRun.resolve("summary.json").toFile());
        assertEquals("pass", summary.get("verdict").asText());
        assertEquals("compare.runs", summary.get("checks").get(0).get("id").asText());
        assertEquals("20261125-020000-bench vs 20261126-020000-bench: 1 check changed status, 1 metric differs",
                summary.get("checks").get(0).get("message").asText());
        JsonNode metrics = summary.get("metrics").get("compare");
        assertEquals("20261126-020000-bench", metrics.get("b").asText());
        assertEquals("failed", metrics.get("checks").get(0).get("b").asText());
        assertEquals(-57.5, metrics.get("metrics").get(0).get("delta").asDouble(), 1e-9);
    }

    @Test
    void runFolderNamesResolveUnderTheReportsRoot() throws Exception {
        Path reports = dir.resolve("reports");
        Path a = writeRun(reports, LocalDateTime.of(2026, 11, 25, 2, 0), CheckResult.passed("x", 1, 1, "", "ok"), 1);
        writeRun(reports, LocalDateTime.of(2026, 11, 26, 2, 0), CheckResult.passed("x", 1, 1, "", "ok"), 2);
        assertEquals(0, run("compare", "--reports", reports.toString(), a.getFileName().toString(), "latest"),
                err.toString());
        assertTrue(out.toString().startsWith("20261125-020000-bench vs 20261126-020000-bench: 0 checks changed status"),
                out.toString());
    }

    @Test
    void missingRunIsAUsageErrorNamingThePathAndNothingIsWritten() throws Exception {
        Path reports = dir.resolve("reports");
        Path a = writeRun(dir.resolve("runs"), LocalDateTime.of(2026, 11, 25, 2, 0),
                CheckResult.passed("x", 1, 1, "", "ok"), 1);
        Path missing = dir.resolve("runs/20261126-020000-bench");

        assertEquals(2, run("compare", "--reports", reports.toString(), a.toString(), missing.toString()));
        assertTrue(err.toString().contains("RUN_B " + missing + ": no such run folder or summary.json"), err.toString());

        Files.createDirectories(missing);
        assertEquals(2, run("compare", "--reports", reports.toString(), a.toString(), missing.toString()));
        assertTrue(err.toString().contains(missing.resolve("summary.json") + " does not exist"), err.toString());

        Files.writeString(missing.resolve("summary.json"), "{\"command\": \"bench\", \"checks\": [");
        assertEquals(2, run("compare", "--reports", reports.toString(), a.toString(), missing.toString()));
        assertTrue(err.toString().contains("cannot read " + missing.resolve("summary.json")), err.toString());

        assertFalse(Files.exists(reports), "no run folder may be written when a run cannot be read");
        try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
            assertEquals(3, files.count(), "only the two runs and their latest link"); // a, missing, latest
        }
    }

    private static Path writeRun(Path root, LocalDateTime when, CheckResult check, double throughput) {
        RunDirectory run = RunDirectory.create(root, "bench", when);
        SummaryWriter.write(run, new Summary("bench", "s", "f", List.of(check),
                Map.of("load", Map.of("throughput", throughput))));
        return run.path();
    }
}
