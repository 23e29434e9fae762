package io.restorecheck.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * What {@code tune} measures: the variants, how many times each ({@code repeats}, interleaved), how long each
 * measurement runs, the time limit of the warm-up before it (a sweep over the pages; zero: none), and the seed
 * that shuffles the order within each round (if any).
 */
public record Matrix(Path source, List<Variant> variants, int repeats, Duration duration, Duration warmUp,
                     OptionalLong shuffleSeed) {
    public Matrix {
        variants = List.copyOf(variants);
    }

    public int measurements() {
        return variants.size() * repeats;
    }
}
