package io.restorecheck.config;

import java.util.List;

/**
 * A table whose contents must survive the restore: its key columns (composite keys allowed) and an SQL
 * expression giving each row's edit time, e.g. {@code to_timestamp(editTime)}.
 */
public record TableSpec(String name, List<String> key, String timestamp) {
    public TableSpec {
        key = List.copyOf(key);
    }
}
