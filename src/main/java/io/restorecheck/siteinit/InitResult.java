package io.restorecheck.siteinit;

import java.nio.file.Path;
import java.util.List;

/** The written file and the keys left as placeholders (empty: the file is complete). */
public record InitResult(Path file, List<String> placeholders) {
    public InitResult {
        placeholders = List.copyOf(placeholders);
    }
}
