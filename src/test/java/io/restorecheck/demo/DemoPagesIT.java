package io.restorecheck.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.cli.Main;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's page checks: healthy they pass, and each page break fails its check naming the page. */
class DemoPagesIT {
    @TempDir
    Path reports;

    /** The healthy demo is shared by the ITs; a break runs the demo with the pages suite only. */
    private Summary demo(int expectedExit, String... breaks) throws Exception {
        if (breaks.length == 0) {
            DemoRuns.Run healthy = DemoRuns.healthy();
            assertEquals(expectedExit, healthy.code(), "exit code of the healthy demo");
            return healthy.summary();
        }
        List<String> args = new java.util.ArrayList<>(List.of("--only", "pages"));
        for (String kind : breaks) {
            args.addAll(List.of("--break", kind));
        }
        DemoRuns.Run run = DemoRuns.run(reports, args.toArray(String[]::new));
        assertEquals(expectedExit, run.code(), "exit code of demo " + args);
        return run.summary();
    }

    private static CheckResult check(Summary s, String id) {
        return s.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + s.checks()));
    }

    @SuppressWarnings("unchecked")
    private static Object breakFact(Summary s, String kind) {
        return ((Map<String, Object>) ((Map<String, Object>) s.metrics().get("demo")).get("breaks")).get(kind);
    }

    @Test
    void healthyDemoPassesEveryPageCheckAndReportsTheRate() throws Exception {
        Summary s = demo(0);
        for (String id : List.of("pages.status", "pages.content", "pages.links")) {
            assertEquals(CheckStatus.PASSED, check(s, id).status(), id + ": " + check(s, id).message());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> pages = (Map<String, Object>) s.metrics().get("pages");
        assertTrue(((Number) pages.get("checked")).intValue() >= 200, pages.toString());
        assertTrue(((Number) pages.get("per_second")).doubleValue() > 0, pages.toString());
        assertTrue(((Number) pages.get("links_checked")).intValue() > 0, pages.toString());
    }

    @Test
    void brokenPageFailsStatusNamingThePage() throws Exception {
        Summary s = demo(1, "broken-page");
        String broken = (String) breakFact(s, "broken-page");
        CheckResult status = check(s, "pages.status");
        assertEquals(CheckStatus.FAILED, status.status(), status.message());
        assertTrue(status.message().contains("'" + broken + "'") && status.message().contains("HTTP 500"),
                status.message());
    }

    @Test
    void staleCacheFailsContentNamingThePages() throws Exception {
        Summary s = demo(1, "stale-cache");
        @SuppressWarnings("unchecked")
        List<String> stale = (List<String>) breakFact(s, "stale-cache");
        CheckResult content = check(s, "pages.content");
        assertEquals(CheckStatus.FAILED, content.status(), content.message());
        assertEquals(stale.size(), ((Number) content.measured()).intValue(), content.message());
        for (String title : stale) {
            assertTrue(content.message().contains("'" + title + "'"), title + " not named: " + content.message());
        }
        assertTrue(content.message().contains("expected «") && content.message().contains("| shown «edited just"
                + " before the outage"), content.message());
        assertEquals(CheckStatus.PASSED, check(s, "pages.status").status());
    }
}
