package io.restorecheck.cli;

import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Compare;
import io.restorecheck.report.Progress;
import io.restorecheck.report.ReportedRun;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restorecheck compare RUN_A RUN_B}: two runs' checks and metrics side by side, with deltas. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Shows two runs side by side: each check's status in A and B (changes marked), then every "
                + "numeric metric with A, B, the delta B - A and the delta in %% of A.",
                "RUN_A and RUN_B are run folders, paths to their summary.json, or run folder names under --reports "
                        + "(e.g. 'latest'). Writes its own run folder with compare.html, compare.md and compare.json."})
final class CompareCommand implements Callable<Integer> {
    @Mixin
    ReportsOption reports;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The earlier run (the reference of the deltas).")
    String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The later run.")
    String runB;

    @Override
    public Integer call() {
        Path summaryA = locate("RUN_A", runA, reports.reportsRoot);
        Path summaryB = locate("RUN_B", runB, reports.reportsRoot);
        Summary a = read(summaryA);
        Summary b = read(summaryB);
        Compare.Result result = Compare.of(runName(summaryA), a, runName(summaryB), b);

        Progress progress = new Progress(System.out, "compare");
        ReportedRun run = ReportedRun.start(reports.reportsRoot, "compare", progress);
        try {
            Files.writeString(run.dir().resolve("compare.md"), result.markdown());
            Files.writeString(run.dir().resolve("compare.html"), result.html(indexLink(run, summaryA),
                    indexLink(run, summaryB)));
            SummaryWriter.json().writeValue(run.dir().resolve("compare.json").toFile(), result);
            spec.commandLine().getOut().print(result.text());
            spec.commandLine().getOut().flush();
            run.add(CheckResult.passed("compare.runs", result.changedChecks(), null, "checks changed",
                    result.headline()));
            run.metric("compare", result.toMetrics());
            return ExitCodes.of(run.finish());
        } catch (IOException e) {
            run.fail(e);
            throw new UncheckedIOException("cannot write the comparison into " + run.dir(), e);
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }

    /**
     * The summary.json a RUN argument names: the file itself, a run folder holding one, or a run folder name under
     * the reports root.
     */
    static Path locate(String which, String arg, Path reportsRoot) {
        Path given = Path.of(arg);
        for (Path candidate : given.isAbsolute() ? new Path[] {given} : new Path[] {given, reportsRoot.resolve(arg)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            if (Files.isDirectory(candidate)) {
                Path summary = candidate.resolve("summary.json");
                if (Files.isRegularFile(summary)) {
                    return summary;
                }
                throw new UsageError(which + " " + arg + ": " + summary + " does not exist (is " + candidate
                        + " a run folder? an interrupted run may not have written it)");
            }
        }
        throw new UsageError(which + " " + arg + ": no such run folder or summary.json (looked at " + given
                + (given.isAbsolute() ? "" : " and " + reportsRoot.resolve(arg)) + ")");
    }

    private static Summary read(Path summaryJson) {
        try {
            return SummaryWriter.read(summaryJson);
        } catch (IOException | RuntimeException e) {
            throw new UsageError("cannot read " + summaryJson + ": " + e.getMessage());
        }
    }

    /** A link from the compare run's folder to the compared run's index.html, null when it has none. */
    private static String indexLink(ReportedRun run, Path summaryJson) {
        Path index = summaryJson.toAbsolutePath().getParent().resolve("index.html");
        if (!Files.isRegularFile(index)) {
            return null;
        }
        try {
            index = index.toRealPath(); // "latest" is about to point at this compare run
        } catch (IOException e) {
            // keep the path as given
        }
        try {
            return run.dir().path().toAbsolutePath().relativize(index).toString().replace('\\', '/');
        } catch (IllegalArgumentException otherRoot) {
            return index.toUri().toString();
        }
    }

    /** The run folder's name (resolving {@code latest}), or the file's path when it is not inside a run folder. */
    private static String runName(Path summaryJson) {
        Path dir = summaryJson.toAbsolutePath().getParent();
        try {
            dir = dir.toRealPath();
        } catch (IOException e) {
            // keep the path as given
        }
        return dir.getFileName() == null ? summaryJson.toString() : dir.getFileName().toString();
    }
}
