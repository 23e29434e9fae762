package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacityVerdictTest {
    @Test
    void aBudgetShorterThanOneProbeIsBrokenNamingTheKeyNotAFailedSite() {
        CapacityResult none = new CapacityResult(List.of(), Optional.empty(), Optional.empty(),
                CapacityResult.End.BUDGET, new CapacitySearch.Settings(250, 2000, 0.1, Duration.ofSeconds(5)), 0);
        CheckResult c = CapacityVerdict.of(none, 1000, 2000, 0.01, "chart capacity-curve.png");
        assertEquals(CheckStatus.BROKEN, c.status());
        assertTrue(c.message().contains("load.capacity-budget 5 s is shorter than one probe")
                && c.message().contains("raise load.capacity-budget"), c.message());
    }
}
