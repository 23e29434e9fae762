package io.restorecheck.demo;

import io.restorecheck.demo.wiki.WikiData;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the demo knows to be true once its story is told: what it generated and edited, when the outage was, the
 * primary's and the restored server's tables, and what each break did. Immutable: the report and the demo's own
 * oracle read it.
 *
 * @param breakFacts per break, what it did (e.g. which page it broke), for the report's demo metrics
 */
record DemoFacts(WikiData.Counts generated, int editsAfterBackup, Instant outageAt,
                 Map<String, TableFacts> primaryFacts, Map<String, TableFacts> restoredFacts, Set<BreakKind> breaks,
                 Map<String, Object> breakFacts) {
    DemoFacts {
        // Copies that keep their order (tables as TableFacts lists them, breaks as they struck) for the report.
        primaryFacts = ordered(primaryFacts);
        restoredFacts = ordered(restoredFacts);
        breaks = Set.copyOf(breaks);
        breakFacts = ordered(breakFacts);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
