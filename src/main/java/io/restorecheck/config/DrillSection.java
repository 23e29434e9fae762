package io.restorecheck.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The nightly restore drill ({@code drill { }}): where the newest base backup comes from (a folder, or a command
 * that materialises one into a folder the harness names), how WAL is fetched (the archive folder, or the user's
 * own restore command), the budgets for restore time and data loss, the tables compared with the live primary and
 * what amcheck covers. The backup and the archive are only ever read.
 */
public record DrillSection(Optional<Path> baseBackup, Optional<String> fetchCommand, Optional<Path> walArchive,
                           Optional<String> restoreCommand, Optional<Path> postgresBin, List<Table> tables,
                           Duration timestampSlack, Duration maxRestoreTime, Duration maxDataLoss, Amcheck amcheck,
                           Optional<Path> workDir, Duration giveUpAfter) {
    public DrillSection {
        tables = List.copyOf(tables);
    }

    /**
     * A table compared with the live primary. Append-only tables must match the primary exactly up to the
     * recovery point; other tables are judged as mutable: every primary row at or before it must be in the copy.
     */
    public record Table(TableSpec spec, boolean appendOnly) {
    }

    /** Which relations amcheck covers (empty = every relation of the site database) and for how long at most. */
    public record Amcheck(boolean enabled, List<String> relations, Duration maxTime, boolean heapAllIndexed) {
        public Amcheck {
            relations = List.copyOf(relations);
        }
    }
}
