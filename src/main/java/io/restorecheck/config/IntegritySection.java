package io.restorecheck.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What "nothing lost" is measured against: the WAL archive (only ever read), optionally the base backup for a
 * reference replay, the tables to compare, the old server's postgresql.conf, and the data loss tolerated.
 */
public record IntegritySection(Path walArchive, Optional<Path> baseBackup, Optional<Path> postgresBin,
                               List<TableSpec> tables, Optional<Path> expectedSettings, Duration maxDataLoss) {
    public IntegritySection {
        tables = List.copyOf(tables);
    }
}
