package io.restorecheck.inject;

import java.util.List;

/**
 * The RUN record that opens a {@code simulation.log}: Gatling's version (its reader refuses any other), the
 * simulation, the start (epoch ms; every record's time is relative to it), the scenarios (users refer to them by
 * index) and the assertions, pickled by Gatling and kept as opaque bytes.
 */
record LogHeader(String gatlingVersion, String simulationClass, long startMillis, String description,
                 List<String> scenarios, List<byte[]> assertions) {
    LogHeader {
        scenarios = List.copyOf(scenarios);
        assertions = List.copyOf(assertions);
    }
}
