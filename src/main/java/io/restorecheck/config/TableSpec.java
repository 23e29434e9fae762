package io.restorecheck.config;

import java.util.List;
import java.util.Optional;

/**
 * A table whose contents must survive the restore: its name as SQL spells it ({@code table},
 * {@code schema.table}, quoted parts allowed, see {@link TableName}), its key columns (composite keys allowed)
 * and, optionally, an SQL expression giving each row's edit time, e.g. {@code to_timestamp(editTime)}. Without
 * one, counts and content are compared and the latest-edit check skips the table.
 */
public record TableSpec(String name, List<String> key, Optional<String> timestamp) {
    public TableSpec {
        key = List.copyOf(key);
    }

    public TableSpec(String name, List<String> key, String timestamp) {
        this(name, key, Optional.ofNullable(timestamp));
    }
}
