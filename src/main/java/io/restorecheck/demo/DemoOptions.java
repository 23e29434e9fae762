package io.restorecheck.demo;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What the demo was asked to do. */
public record DemoOptions(Path reportsRoot, int pages, long seed, Set<BreakKind> breaks, Optional<Path> pgBin) {
    public DemoOptions {
        breaks = breaks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(breaks));
    }

    public boolean breaks(BreakKind kind) {
        return breaks.contains(kind);
    }
}
