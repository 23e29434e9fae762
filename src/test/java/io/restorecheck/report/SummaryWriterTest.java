package io.restorecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryWriterTest {
    @TempDir
    Path reports;

    @Test
    void summaryJsonFollowsTheContractAndLatestPointsAtTheRun() throws Exception {
        RunDirectory run = RunDirectory.create(reports, "demo", LocalDateTime.of(2026, 11, 25, 13, 40, 1));
        Summary summary = new Summary("demo", "2026-11-25T13:40:01Z", "2026-11-25T13:41:00Z",
                List.of(CheckResult.passed("a.b", 5, 5, "rows", "ok"),
                        CheckResult.failed("c.d", 1, 2, "rows", "1 | 2 differ")),
                Map.of("demo", Map.of("pages", 10)));
        SummaryWriter.write(run, summary);

        assertEquals(reports.resolve("20261125-134001-demo"), run.path());
        assertEquals(run.path().toRealPath(), reports.resolve("latest").toRealPath());
        JsonNode json = SummaryWriter.json().readTree(run.resolve("summary.json").toFile());
        assertEquals("fail", json.get("verdict").asText());
        assertEquals("failed", json.get("checks").get(1).get("status").asText());
        assertEquals(10, json.get("metrics").get("demo").get("pages").asInt());
        String md = Files.readString(run.resolve("summary.md"));
        assertTrue(md.startsWith("# restorecheck demo: FAIL"), md);
        assertTrue(md.contains("| `c.d` | failed | 1 rows | 2 rows | 1 \\| 2 differ |"), md);
        assertEquals("fail", SummaryWriter.read(run.resolve("summary.json")).verdict());
    }

    @Test
    void twoRunsInTheSameSecondGetTheirOwnFolders() {
        LocalDateTime now = LocalDateTime.of(2026, 11, 25, 13, 40, 1);
        RunDirectory a = RunDirectory.create(reports, "demo", now);
        RunDirectory b = RunDirectory.create(reports, "demo", now);
        assertTrue(!a.path().equals(b.path()));
    }

    @Test
    void verdictIsFailWhenNothingPassed() {
        Summary s = new Summary("x", "", "", List.of(CheckResult.skipped("a", "no cache section")), Map.of());
        assertEquals("fail", s.verdict());
    }
}
