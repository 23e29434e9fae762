package io.restorecheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.restorecheck.wal.ArchiveInspector;
import io.restorecheck.wal.ArchiveReport;
import io.restorecheck.wal.ArchiveScan;
import io.restorecheck.wal.BackupHistory;
import io.restorecheck.wal.Damage;
import io.restorecheck.wal.Gap;
import io.restorecheck.wal.Lsn;
import io.restorecheck.wal.TimelineReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restorecheck wal}: tools on a WAL archive read straight from its files (no server). */
@Command(name = "wal", mixinStandardHelpOptions = true, subcommands = WalCommand.Inspect.class,
        description = "WAL archive tools, reading the segment files directly (no server, no pg_waldump).")
final class WalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: 'wal inspect DIR'");
    }

    /** {@code wal inspect ARCHIVE_DIR [--json] [--workers N]}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Archive continuity, timelines, base backups, damaged segments and the last commit (time, "
                    + "xid, LSN) of each timeline, read straight from the segments. Only reads the archive.",
                    "Exit 0: no gap, no damage; 1: a gap, damage or an unreadable file; 2: no such folder."})
    static final class Inspect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ARCHIVE_DIR", description = "The WAL archive folder.")
        Path archive;

        @Option(names = "--json", description = "Print JSON: {segment_size, timelines: [{id, first_segment, "
                + "last_segment, segments, gaps, damaged, last_commit}], backups}.")
        boolean json;

        @Option(names = "--workers", paramLabel = "N", description = "Threads reading segments (default: one per "
                + "available core). The report is the same for any count.")
        Integer workers;

        @Override
        public Integer call() {
            if (!Files.isDirectory(archive)) {
                throw new UsageError("wal inspect: " + archive + " is not a folder");
            }
            if (workers != null && workers < 1) {
                throw new UsageError("wal inspect: --workers must be at least 1, got " + workers);
            }
            ArchiveReport report;
            try {
                report = ArchiveInspector.inspect(archive, false,
                        workers == null ? ArchiveInspector.defaultWorkers() : workers);
            } catch (NoSuchFileException e) {
                throw new UsageError("wal inspect: " + archive + " is not a folder");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the archive " + archive, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                try {
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(report.toJson()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                printTable(report, out);
            }
            out.flush();
            return report.clean() ? ExitCodes.PASS : ExitCodes.CHECKS_FAILED;
        }

        static void printTable(ArchiveReport r, PrintWriter out) {
            out.println("WAL archive " + r.directory());
            out.println("  segment size " + (r.segmentSize() == 0 ? "unknown" : r.segmentSize() / 1024 / 1024 + " MiB")
                    + (r.major() == 0 ? "" : ", PostgreSQL " + r.major())
                    + (r.systemId() == 0 ? "" : ", system " + Long.toUnsignedString(r.systemId())));
            out.println();
            out.printf("%-8s %-14s %-24s %-24s %8s %5s %7s %8s %7s  %s%n", "timeline", "parent@switch", "first segment",
                    "last segment", "segments", "gaps", "damaged", "commits", "aborts", "last commit");
            for (TimelineReport t : r.timelines()) {
                out.printf("%-8d %-14s %-24s %-24s %8d %5d %7d %8d %7d  %s%n", t.id(),
                        t.parent() == 0 ? "-" : t.parent() + "@" + Lsn.format(t.begin()), dash(t.firstSegment()),
                        dash(t.lastSegment()), t.segments(), t.gaps().size(), t.damaged().size(), t.commits(),
                        t.aborts(), t.lastCommit().map(c -> c.isoTime() + " xid " + c.xid() + " LSN " + Lsn.format(c.lsn()))
                                .orElse("-"));
            }
            for (TimelineReport t : r.timelines()) {
                if (t.checkedFrom() >= 0) {
                    out.println();
                    out.println("timeline " + t.id() + ": continuity checked from the " + t.checkedFromWhy() + " to "
                            + dash(t.lastSegment()) + (t.gaps().isEmpty() && t.damaged().isEmpty() ? ": complete" : ":"));
                }
                for (Gap g : t.gaps()) {
                    out.println("  missing: " + g.describe());
                }
                for (Damage d : t.damaged()) {
                    out.println("  damaged: " + d.describe());
                }
            }
            if (!r.backups().isEmpty()) {
                out.println();
                out.println("base backups:");
                for (BackupHistory b : r.backups()) {
                    out.println("  " + b.file() + ": start " + Lsn.format(b.startLsn()) + ", stop "
                            + Lsn.format(b.stopLsn()) + ", timeline " + b.startTimeline()
                            + (b.label().isEmpty() ? "" : ", label " + b.label())
                            + (b.startTime().isEmpty() ? "" : ", started " + b.startTime()));
                }
            }
            if (!r.partials().isEmpty()) {
                out.println();
                out.println("partial segments (not read): " + String.join(", ", r.partials()));
            }
            if (!r.unreadable().isEmpty()) {
                out.println();
                out.println("files not read:");
                for (ArchiveScan.Unreadable u : r.unreadable()) {
                    out.println("  " + u.file() + ": " + u.reason());
                }
            }
            if (!r.historyProblems().isEmpty()) {
                out.println();
                out.println("timeline history problems:");
                r.historyProblems().forEach(p -> out.println("  " + p));
            }
            out.println();
            out.println(r.clean() ? "verdict: no gap, no damage" : "verdict: GAP OR DAMAGE FOUND (exit 1)");
        }

        private static String dash(String s) {
            return s == null ? "-" : s;
        }
    }
}
