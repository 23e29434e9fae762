package io.restorecheck.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.accept.AcceptanceRun;
import io.restorecheck.cli.Main;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import io.restorecheck.suites.Suites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo story with each integrity break: the break's check fails with its evidence, the healthy story passes
 * all six. One run goes through the real command line (exit code 1); the others run the integrity suite alone on
 * the demo stack, to keep the test time modest.
 */
class IntegrityBreaksIT {
    private static final List<String> SIX = List.of("integrity.tables.rowcount", "integrity.tables.latest-edit",
            "integrity.tables.content", "integrity.recency", "integrity.archiving.active", "integrity.settings.drift");

    @TempDir
    Path reports;

    /** The demo stack with the given breaks, then only the integrity suite, as DemoRun would run it. */
    private Map<String, CheckResult> integrityOnly(BreakKind... breaks) {
        Progress progress = new Progress(System.out, "it");
        DemoOptions options = new DemoOptions(reports, 300, 42, breaks.length == 0 ? Set.of()
                : EnumSet.copyOf(List.of(breaks)), Optional.empty());
        ReportedRun run = ReportedRun.start(reports, "demo", progress);
        Summary summary;
        try (DemoStack stack = DemoStack.build(options, progress)) {
            SiteConfig site = SiteConfigLoader.load(DemoSiteConfig.write(run.dir().resolve("site.conf"),
                    stack.siteConfigStack()));
            AcceptanceRun.run(site, run, Optional.of(stack.facts().outageAt()), progress, List.of(Suites.INTEGRITY),
                    stack.suiteOptions());
            summary = run.finish();
        }
        return byId(summary);
    }

    private static Map<String, CheckResult> byId(Summary s) {
        return s.checks().stream().collect(Collectors.toMap(CheckResult::id, c -> c, (a, b) -> a));
    }

    private static void onlyFailing(Map<String, CheckResult> checks, String... failing) {
        Set<String> expected = Set.of(failing);
        for (String id : SIX) {
            CheckResult c = checks.get(id);
            assertEquals(expected.contains(id) ? CheckStatus.FAILED : CheckStatus.PASSED, c.status(),
                    id + ": " + c.message());
        }
    }

    @Test
    void healthyDemoPassesAllSixIntegrityChecks() {
        Map<String, CheckResult> checks = byId(DemoRuns.healthy().summary());
        onlyFailing(checks);
        assertTrue(checks.get("integrity.recency").message().contains("recovery point achieved"),
                checks.get("integrity.recency").message());
    }

    @Test
    void stopEarlyExitsOneAndNamesTheMissingKeys() throws Exception {
        int exit = Main.run("demo", "--reports", reports.toString(), "--pages", "300", "--break", "stop-early");
        assertEquals(1, exit);
        Map<String, CheckResult> checks = byId(SummaryWriter.read(reports.resolve("latest/summary.json")));
        onlyFailing(checks, "integrity.tables.rowcount", "integrity.tables.latest-edit", "integrity.tables.content");
        String content = checks.get("integrity.tables.content").message();
        assertTrue(content.matches("(?s).*allPages keyed by \\[name, edittime]: \\d+ missing \\(\\(name=.*"),
                content);
        assertTrue(checks.get("integrity.tables.rowcount").message().contains("allPages restored"),
                checks.get("integrity.tables.rowcount").message());
        assertTrue(Files.exists(reports.resolve("latest/summary.md")));
        // The demo's own oracle sees it too: the restored server lacks the primary's last edits.
        CheckResult oracle = checks.get("demo.restored-matches-primary");
        assertEquals(CheckStatus.FAILED, oracle.status(), oracle.message());
        assertTrue(oracle.message().startsWith("restored server differs from the primary at the outage")
                && oracle.message().contains("allPages: primary "), oracle.message());
        assertTrue(((Number) oracle.measured()).longValue() < ((Number) oracle.expected()).longValue(),
                oracle.measured() + " rows restored, primary " + oracle.expected());
    }

    @Test
    void wrongTimelineExitsOneWithTheTimelineCheckNamingTheTimelines() throws Exception {
        int exit = Main.run("demo", "--reports", reports.toString(), "--pages", "200", "--only", "integrity",
                "--break", "wrong-timeline");
        assertEquals(1, exit);
        Map<String, CheckResult> checks = byId(SummaryWriter.read(reports.resolve("latest/summary.json")));
        CheckResult timeline = checks.get("integrity.archive.timeline");
        assertEquals(CheckStatus.FAILED, timeline.status(), timeline.message());
        assertTrue(timeline.message().contains("restored server is on timeline 3, branched from timeline 1")
                && timeline.message().contains("did not follow the highest timeline 2"), timeline.message());
        assertEquals(CheckStatus.FAILED, checks.get("integrity.replay.reached-end").status(),
                checks.get("integrity.replay.reached-end").message());
    }

    @Test
    void loseWalTailFailsRecencyWithTheRecoveryPointAchieved() {
        Map<String, CheckResult> checks = integrityOnly(BreakKind.LOSE_WAL_TAIL);
        // The archive and the restored server agree (both lack the tail): only the outage time reveals it.
        onlyFailing(checks, "integrity.recency");
        CheckResult r = checks.get("integrity.recency");
        assertTrue(r.message().contains("recovery point NOT achieved") && r.message().contains("more than max-data-loss"),
                r.message());
        assertTrue(((Number) r.measured()).doubleValue() >= 4.0, "loss " + r.measured());
    }

    @Test
    void archivingOffFailsArchivingActiveNamingArchiveMode() {
        Map<String, CheckResult> checks = integrityOnly(BreakKind.ARCHIVING_OFF);
        // archive_mode is also one of the old postgresql.conf's settings, so drift sees it too.
        onlyFailing(checks, "integrity.archiving.active", "integrity.settings.drift");
        assertTrue(checks.get("integrity.archiving.active").message().contains("archive_mode = off"),
                checks.get("integrity.archiving.active").message());
    }

    @Test
    void settingsDriftListsEachTunedSetting() {
        Map<String, CheckResult> checks = integrityOnly(BreakKind.SETTINGS_DRIFT);
        onlyFailing(checks, "integrity.settings.drift");
        String m = checks.get("integrity.settings.drift").message();
        for (String setting : DemoStack.TUNED.keySet()) {
            assertTrue(m.contains(setting + ": expected "), setting + " in " + m);
        }
        assertTrue(m.contains("shared_buffers: expected 64MB"), m);
    }
}
