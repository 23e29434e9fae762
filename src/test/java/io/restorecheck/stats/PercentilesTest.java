package io.restorecheck.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void medianOfOddAndEvenCountsLeavesTheValuesAlone() {
        double[] values = {5, 1, 3};
        assertEquals(3, Percentiles.median(values));
        assertArrayEquals(new double[] {5, 1, 3}, values);
        assertEquals(2.5, Percentiles.median(4, 1, 3, 2));
        assertEquals(2.5, Percentiles.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.median(List.of()));
    }

    @Test
    void percentileIsTheNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = 100 - i;
        }
        assertEquals(95, Percentiles.percentile(ms, 95));
        assertEquals(50, Percentiles.percentile(ms, 50));
        assertEquals(100, Percentiles.percentile(ms, 100));
        assertEquals(1, Percentiles.percentile(new long[] {1}, 95));
        assertEquals(0, Percentiles.percentile(new long[0], 95));
        // 20 values: p95 is the 19th, not the largest.
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = i + 1;
        }
        assertEquals(19, Percentiles.percentile(twenty, 95));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(twenty, 0));
    }
}
