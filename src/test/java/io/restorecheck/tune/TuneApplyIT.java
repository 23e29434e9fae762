package io.restorecheck.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.cli.Main;
import io.restorecheck.demo.BreakKind;
import io.restorecheck.demo.DemoOptions;
import io.restorecheck.demo.TuneLab;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Progress;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tune -c site.conf --apply CMD} against a running site (the lab, started here), with a command that
 * applies nothing: the variant asking for the lab's own work_mem (8MB) is verified and measured, the one asking
 * for another value fails {@code tune.settings-applied} naming the setting, asked and shown values.
 */
class TuneApplyIT {
    @TempDir
    Path dir;

    @Test
    void settingTheCommandDidNotApplyFailsSettingsAppliedAndTheOtherVariantIsStillRanked() throws Exception {
        Path matrix = Files.writeString(dir.resolve("work-mem.conf"), """
                repeats = 1
                duration = 2s
                warm-up = false
                postgres { work_mem = [8MB, 7MB] }
                """);
        Path reports = dir.resolve("reports");
        try (TuneLab lab = TuneLab.start(new DemoOptions(reports, 100, 42, EnumSet.noneOf(BreakKind.class),
                Optional.empty()), new Progress(System.out, "test"))) {
            Path site = lab.writeSiteConfig();

            int code = Main.run("tune", "-c", site.toString(), "--matrix", matrix.toString(), "--reports",
                    reports.toString(), "--apply",
                    "env | grep ^RESTORECHECK_ | sort > \"$RESTORECHECK_VARIANT_FILE.env\"");

            Summary summary = SummaryWriter.read(reports.resolve("latest/summary.json"));
            assertEquals(1, code);
            CheckResult applied = TuneLabIT.check(summary, "tune.settings-applied");
            assertEquals(CheckStatus.FAILED, applied.status());
            assertTrue(applied.message().contains("postgres.work_mem: asked 7MB, the server shows 8MB"),
                    applied.message());
            CheckResult ranking = TuneLabIT.check(summary, "tune.ranking");
            assertEquals(CheckStatus.PASSED, ranking.status(), ranking.message());
            assertTrue(ranking.message().startsWith("only 'postgres.work_mem=8MB' was measured"), ranking.message());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> variants = (List<Map<String, Object>>) ((Map<String, Object>) summary
                    .metrics().get("tune")).get("variants");
            assertEquals(1, ((Number) variants.get(0).get("rank")).intValue());
            assertTrue(((String) variants.get(1).get("failure")).contains("work_mem"));
            Path env = reports.resolve("latest/apply/postgres.work_mem=7MB-r1.json.env");
            String passed = Files.readString(env);
            assertTrue(passed.contains("RESTORECHECK_PG_WORK_MEM=7MB"), passed);
            assertTrue(passed.contains("RESTORECHECK_VARIANT=postgres.work_mem=7MB"), passed);
            assertTrue(Files.readString(reports.resolve("latest/apply/postgres.work_mem=7MB-r1.json"))
                    .contains("\"work_mem\" : \"7MB\""));
        }
    }
}
