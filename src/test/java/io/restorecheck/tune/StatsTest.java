package io.restorecheck.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void binomialCoverageMatchesHandComputedValues() {
        // n = 6, j = 1: 1 - 2/64; n = 10, j = 2: 1 - 2 * 11/1024.
        assertEquals(1 - 2.0 / 64, Stats.coverage(6, 1), 1e-12);
        assertEquals(1 - 2 * 11.0 / 1024, Stats.coverage(10, 2), 1e-12);
        assertEquals(0.75, Stats.coverage(3, 1), 1e-12);
    }

    @Test
    void fewSamplesGiveMinToMaxWithTheirTrueConfidence() {
        Interval i = Stats.medianInterval(new double[] {300, 100, 200});

        assertEquals(200, i.median());
        assertEquals(100, i.low());
        assertEquals(300, i.high());
        assertEquals(0.75, i.coverage(), 1e-12);
    }

    @Test
    void enoughSamplesGiveTheNarrowestOrderStatisticIntervalAtNinetyFivePercent() {
        // n = 10: j = 2 covers 97.9%, j = 3 only 89.1%, so the interval is [x(2), x(9)].
        Interval i = Stats.medianInterval(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5});

        assertEquals(5.5, i.median());
        assertEquals(2, i.low());
        assertEquals(9, i.high());
        assertEquals(1 - 2 * 11.0 / 1024, i.coverage(), 1e-12);
    }

    @Test
    void largeSamplesDoNotOverflow() {
        double[] values = new double[1_001];
        for (int k = 0; k < values.length; k++) {
            values[k] = k;
        }
        Interval i = Stats.medianInterval(values);
        assertEquals(500, i.median());
        // Normal approximation: 500 +- 1.96 * sqrt(1001) / 2 ~ 31 ranks.
        assertEquals(469, i.low(), 2);
        assertEquals(531, i.high(), 2);
    }

    @Test
    void oneSampleHasNoInterval() {
        Interval i = Stats.medianInterval(new double[] {42});
        assertEquals(42, i.low());
        assertEquals(42, i.high());
        assertEquals(0, i.coverage());
    }
}
