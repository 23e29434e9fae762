package io.restorecheck.cli;

import io.restorecheck.demo.BreakKind;
import io.restorecheck.demo.DemoOptions;
import io.restorecheck.demo.DemoRun;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.wal.Compression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restorecheck demo}: the whole outage-and-restore story on this machine, then the checks and the report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole story with no setup: a primary PostgreSQL with WAL archiving, the sample wiki "
                + "with memcached, a base backup, more edits, an outage, a restore from base backup + archive, then "
                + "the checks on the restored stack and the report. Healthy: exit 0.",
                "Everything runs on 127.0.0.1 and is stopped at the end (Ctrl-C included)."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ReportsOption reports;

    @Option(names = "--pages", paramLabel = "N", defaultValue = "6000",
            description = "Pages the sample wiki starts with (default: ${DEFAULT-VALUE}), 1-5 revisions each.")
    int pages;

    @Option(names = "--break", paramLabel = "KIND",
            description = "Inject a real fault (repeatable): wal-gap, corrupt-wal, stop-early, lose-wal-tail, "
                    + "archiving-off, settings-drift, memcached-port, stale-cache, broken-page.")
    List<String> breaks = new ArrayList<>();

    @Option(names = "--pg-bin", paramLabel = "DIR",
            description = "PostgreSQL binaries to use (a folder with initdb and postgres) instead of zonky's.")
    Path pgBin;

    @Option(names = "--pg-major", paramLabel = "N",
            description = "PostgreSQL major (13-18) the whole story runs on (default: ${DEFAULT-VALUE}); binaries of "
                    + "another major are fetched from Maven Central into the per-user cache the first time.")
    Integer pgMajor;

    @Option(names = "--compress", paramLabel = "FORMAT",
            description = "Archive compressed segments (gzip or zstd) as archive_command = 'gzip < %p > %f.gz' "
                    + "would: the WAL checks read them and both restores decompress them.")
    String compress;

    @Option(names = "--only", split = ",", paramLabel = "SUITE",
            description = "Run only these suites on the restored stack (comma-separated): integrity, pages, load. "
                    + "Default: all.")
    List<String> only = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated wiki (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (pages < 10 || pages > 50_000) {
            throw new UsageError("--pages must be between 10 and 50000, got " + pages);
        }
        EnumSet<BreakKind> kinds = parseBreaks(breaks);
        // The reader and the restore handle lz4, bzip2 and xz too; the demo archives only in the two formats it
        // was tried with (commons-compress's pure-Java lz4 compressor takes minutes per real segment).
        Optional<Compression> compression = Optional.ofNullable(compress).map(c -> Compression.parse(c)
                .filter(f -> f == Compression.GZIP || f == Compression.ZSTD)
                .orElseThrow(() -> new UsageError("--compress " + c + ": formats are gzip, zstd")));
        if (compression.isPresent() && kinds.contains(BreakKind.CORRUPT_WAL)) {
            throw new UsageError("--break corrupt-wal flips bytes of a plain segment; it cannot be combined with "
                    + "--compress");
        }
        requirePackages();
        return ExitCodes.of(new DemoRun(new DemoOptions(reports.reportsRoot, pages, seed, kinds,
                Optional.ofNullable(pgBin), pgMajor(pgBin, pgMajor), compression))
                .run(AcceptCommand.parseSuites(only)));
    }

    /** {@code --pg-major}, checked: a supported major, and not together with {@code --pg-bin}. */
    static int pgMajor(Path pgBin, Integer pgMajor) {
        if (pgMajor == null) {
            return PgBinaries.DEFAULT_MAJOR;
        }
        if (pgBin != null) {
            throw new UsageError("--pg-bin and --pg-major exclude each other: --pg-bin " + pgBin
                    + " decides the major by itself");
        }
        if (!PgBinaries.supportedMajors().contains(pgMajor)) {
            throw new UsageError("--pg-major " + pgMajor + ": supported majors are " + PgBinaries.supportedMajors());
        }
        return pgMajor;
    }

    /** Stops at once (exit 2) with the install command when the lab's Debian packages are missing and we may not install them. */
    static void requirePackages() {
        try {
            io.restorecheck.lab.DebianPackage.MEMCACHED.require();
        } catch (io.restorecheck.lab.DebianPackage.Missing e) {
            throw new UsageError(e.getMessage());
        }
    }

    static EnumSet<BreakKind> parseBreaks(List<String> labels) {
        EnumSet<BreakKind> kinds = EnumSet.noneOf(BreakKind.class);
        for (String label : labels) {
            BreakKind kind = BreakKind.parse(label).orElseThrow(() -> new UsageError("--break " + label
                    + ": unknown kind; kinds are " + String.join(", ", BreakKind.allLabels())));
            if (!kind.implemented()) {
                List<String> ready = BreakKind.implementedLabels();
                throw new UsageError("--break " + label + " is not implemented yet; implemented kinds: "
                        + (ready.isEmpty() ? "none yet" : String.join(", ", ready)));
            }
            kinds.add(kind);
        }
        return kinds;
    }
}
