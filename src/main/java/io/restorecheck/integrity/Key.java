package io.restorecheck.integrity;

import java.util.List;
import java.util.StringJoiner;

/** One row's key as the text of each key column (the server's own text output, which round-trips exactly). */
record Key(List<String> values) {
    Key {
        values = List.copyOf(values);
    }

    static Key of(String... values) {
        return new Key(List.of(values));
    }

    /** {@code (name=Foo, edittime=1764168893.816406)}: readable in a report, unambiguous enough to look up. */
    String describe(List<String> columns) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < values.size(); i++) {
            j.add(columns.get(i) + "=" + values.get(i));
        }
        return j.toString();
    }
}
