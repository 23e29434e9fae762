package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    private static io.restorecheck.tune.VariantResult variant(String name, double... throughputs) {
        java.util.List<io.restorecheck.tune.Sample> samples = java.util.Arrays.stream(throughputs)
                .mapToObj(t -> new io.restorecheck.tune.Sample(t, 10, 0.99, 0, (long) t * 10, 0)).toList();
        return new io.restorecheck.tune.VariantResult(new io.restorecheck.tune.Variant(name, java.util.Map.of(),
                java.util.Map.of("memory-mb", 64)), samples, java.util.Optional.empty());
    }

    private static io.restorecheck.tune.TuneRun.Outcome outcome(io.restorecheck.tune.VariantResult... results) {
        java.util.List<io.restorecheck.tune.VariantResult> all = java.util.List.of(results);
        return new io.restorecheck.tune.TuneRun.Outcome(io.restorecheck.tune.Schedule.interleaved(all.size(), 3,
                java.util.OptionalLong.empty()), all, io.restorecheck.tune.Ranking.of(all));
    }

    @Test
    void variantsThatCannotBeToldApartFailTuneRankingInsteadOfClaimingAWinner() {
        // Two variants with the same settings measured in turn: their intervals overlap, no one wins.
        io.restorecheck.report.CheckResult tied = TuneCommand.ranking(outcome(variant("same-a", 500, 560, 530),
                variant("same-b", 510, 520, 540)));
        assertEquals(io.restorecheck.report.CheckStatus.FAILED, tied.status(), tied.message());
        assertTrue(tied.message().startsWith("no winner: 'same-a' (median 530 req/s [500..560]"), tied.message());
        assertTrue(tied.message().contains("'same-b' (median 520 req/s [510..540]"), tied.message());
        assertTrue(tied.message().contains("within noise"), tied.message());

        io.restorecheck.report.CheckResult apart = TuneCommand.ranking(outcome(variant("small", 190, 200, 210),
                variant("big", 800, 810, 820)));
        assertEquals(io.restorecheck.report.CheckStatus.PASSED, apart.status(), apart.message());
        assertTrue(apart.message().startsWith("use 'big'"), apart.message());
    }

    @Test
    void needsEitherTheLabOrASiteWithAnApplyCommand() throws Exception {
        Path matrix = Files.writeString(dir.resolve("m.conf"), "memcached { memory-mb = [1, 64] }\n");
        Path reports = dir.resolve("reports");

        String[] neither = run("tune", "--matrix", matrix.toString(), "--reports", reports.toString());
        String[] noApply = run("tune", "-c", matrix.toString(), "--matrix", matrix.toString(), "--reports",
                reports.toString());
        String[] both = run("tune", "--lab", "--apply", "true", "--matrix", matrix.toString(), "--reports",
                reports.toString());

        assertEquals("2", neither[0]);
        assertTrue(neither[1].contains("either --lab or -c site.conf --apply CMD"), neither[1]);
        assertEquals("2", noApply[0]);
        assertTrue(noApply[1].contains("-c needs --apply CMD"), noApply[1]);
        assertEquals("2", both[0]);
        assertTrue(Files.notExists(reports), "nothing runs on a usage error");
    }

    @Test
    void badMatrixIsExitTwoNamingFileLineAndKey() throws Exception {
        Path matrix = Files.writeString(dir.resolve("m.conf"), "repeats = 3\npostgres { port = [5432] }\n");

        String[] result = run("tune", "--lab", "--matrix", matrix.toString(), "--reports", dir.toString());

        assertEquals("2", result[0]);
        assertTrue(result[1].contains(matrix + ":2: 'postgres.port' is managed by the harness"), result[1]);
    }
}
