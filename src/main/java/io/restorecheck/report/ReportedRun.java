package io.restorecheck.report;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command's run as it lands on disk: the run folder, the checks and metrics collected so far, and a summary
 * written exactly once: when the run finishes, when it fails ({@code <command>.run} broken with the cause), or
 * from a shutdown hook on Ctrl-C, so a report is always written.
 */
public final class ReportedRun {
    private final String command;
    private final RunDirectory dir;
    private final Progress progress;
    private final String started = OffsetDateTime.now(ZoneOffset.UTC).toString();
    private final List<CheckResult> checks = new ArrayList<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final Thread interruptedHook;
    private boolean written;

    private ReportedRun(Path reportsRoot, String command, Progress progress) {
        this.command = command;
        this.progress = progress;
        this.dir = RunDirectory.create(reportsRoot, command, LocalDateTime.now());
        this.interruptedHook = new Thread(() -> write(CheckResult.broken(command + ".run", "interrupted after "
                + Math.round(progress.elapsedSeconds()) + " s; the checks listed ran before it")),
                "restorecheck-partial-report");
        Runtime.getRuntime().addShutdownHook(interruptedHook);
    }

    public static ReportedRun start(Path reportsRoot, String command, Progress progress) {
        ReportedRun run = new ReportedRun(reportsRoot, command, progress);
        progress.note("run folder " + run.dir.path());
        return run;
    }

    public RunDirectory dir() {
        return dir;
    }

    public synchronized void add(CheckResult check) {
        checks.add(check);
    }

    public synchronized void addAll(Collection<CheckResult> more) {
        checks.addAll(more);
    }

    public synchronized void metric(String name, Object value) {
        metrics.put(name, value);
    }

    public synchronized void metrics(Map<String, Object> more) {
        metrics.putAll(more);
    }

    /** Writes the summary of a run that finished and prints the verdict. */
    public Summary finish() {
        Summary summary = write(null);
        removeHook();
        progress.note("verdict " + summary.verdict().toUpperCase() + " in " + Math.round(progress.elapsedSeconds())
                + " s; report " + dir.resolve("summary.md"));
        return summary;
    }

    /** Writes the partial summary of a run that could not finish, naming the cause as a broken check. */
    public void fail(Throwable cause) {
        write(CheckResult.broken(command + ".run", "the " + command + " run could not finish: "
                + (cause.getMessage() == null ? cause.toString() : cause.getMessage())));
        removeHook();
    }

    private synchronized Summary write(CheckResult extra) {
        List<CheckResult> all = new ArrayList<>(checks);
        if (extra != null) {
            all.add(extra);
        }
        Summary summary = new Summary(command, started, OffsetDateTime.now(ZoneOffset.UTC).toString(), all,
                new LinkedHashMap<>(metrics));
        if (!written) {
            written = true;
            SummaryWriter.write(dir, summary);
        }
        return summary;
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(interruptedHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: the JVM is exiting on Ctrl-C.
        }
    }
}
