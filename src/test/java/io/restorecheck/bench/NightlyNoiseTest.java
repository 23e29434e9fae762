package io.restorecheck.bench;

import static io.restorecheck.bench.BenchRecords.night;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An alarm worth keeping: healthy but noisy nights on a shared 2-core machine, with the noise the issue reports (p95
 * about 87.5 ms, ±5 ms, and now and then a 107 ms night), must not raise a regression in a month.
 */
class NightlyNoiseTest {
    /** 30 healthy nights: p95 87.5 ms ± 2.5 ms (so ±5 ms at two sigma), one night in ten at 107 ms. */
    static List<BenchRecord> healthyMonth(long seed) {
        Random r = new Random(seed);
        List<BenchRecord> nights = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            double p95 = r.nextDouble() < 0.1 ? 107.0 : Math.round((87.5 + r.nextGaussian() * 2.5) * 2) / 2.0;
            nights.add(night(i, 10.0 + r.nextGaussian() * 0.2, p95, 0.96 + r.nextGaussian() * 0.005,
                    2000 + r.nextGaussian() * 60));
        }
        return nights;
    }

    @Test
    void thirtyHealthyNoisyNightsOnATwoCoreMachineRaiseNoAlarm() {
        List<BenchRecord> month = healthyMonth(8);
        assertEquals(5, month.stream().filter(r -> r.p95Ms() == 107.0).count(), "the month has its 107 ms nights");
        RegressionJudge judge = new RegressionJudge();
        for (int n = 0; n < month.size(); n++) {
            Verdict v = judge.judge(month.subList(0, n), month.get(n));
            assertFalse(v.regression(), "night " + (n + 1) + ": " + v.message());
        }
    }
}
