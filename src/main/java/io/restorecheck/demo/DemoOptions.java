package io.restorecheck.demo;

import io.restorecheck.lab.PgBinaries;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the demo was asked to do.
 *
 * @param pgBin   the user's own PostgreSQL binaries; when empty, zonky's binaries of {@code pgMajor}
 * @param pgMajor the PostgreSQL major the whole story runs on when {@code pgBin} is empty
 */
public record DemoOptions(Path reportsRoot, int pages, long seed, Set<BreakKind> breaks, Optional<Path> pgBin,
                          int pgMajor) {
    public DemoOptions {
        breaks = breaks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(breaks));
    }

    /** On the default major. */
    public DemoOptions(Path reportsRoot, int pages, long seed, Set<BreakKind> breaks, Optional<Path> pgBin) {
        this(reportsRoot, pages, seed, breaks, pgBin, PgBinaries.DEFAULT_MAJOR);
    }

    public boolean breaks(BreakKind kind) {
        return breaks.contains(kind);
    }

    /** The binaries the demo's servers run: the user's {@code --pg-bin}, else zonky's of {@code --pg-major}. */
    public PgBinaries binaries() {
        return pgBin.map(PgBinaries::at).orElseGet(() -> PgBinaries.forMajor(pgMajor));
    }
}
