package io.restorecheck.suites;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A suite whose measurement throws: its checks must come out broken with the cause. */
@Tag("suite-fixture")
class BrokenMeasurementSuite {
    @BeforeAll
    static void measure() {
        throw new IllegalStateException("connection refused to 127.0.0.1:1");
    }

    @Test
    @DisplayName("sample.never-measured")
    void neverMeasured() {
    }
}
