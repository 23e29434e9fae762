package io.restorecheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EDivisiveTest {
    @Test
    void twoStepsAreFoundAtTheirFirstValues() {
        double[] series = new double[45];
        Random noise = new Random(3);
        for (int i = 0; i < series.length; i++) {
            series[i] = (i < 15 ? 10 : i < 30 ? 20 : 12) + noise.nextGaussian();
        }
        List<EDivisive.Split> splits = EDivisive.DEFAULT.changePoints(series);
        assertEquals(List.of(15, 30), splits.stream().map(EDivisive.Split::index).toList(), splits.toString());
        assertTrue(splits.stream().allMatch(s -> s.pValue() <= 0.001), splits.toString());
    }

    @Test
    void constantOrTooShortSeriesHaveNoChangePoint() {
        assertEquals(List.of(), EDivisive.DEFAULT.changePoints(new double[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}));
        assertEquals(List.of(), EDivisive.DEFAULT.changePoints(new double[] {1, 1, 9, 9, 9}));
        assertEquals(List.of(), EDivisive.DEFAULT.changePoints(new double[0]));
    }

    @Test
    void aLooserTestOnNoiseFindsAboutItsFalseAlarmRate() {
        // alpha is the false-alarm rate per tested segment: at 0.05, about 1 in 20 noise series gets a split.
        EDivisive loose = new EDivisive(99, 0.05, 3, 1);
        Random noise = new Random(4);
        int withSplit = 0;
        for (int k = 0; k < 200; k++) {
            double[] series = new double[30];
            for (int i = 0; i < series.length; i++) {
                series[i] = noise.nextGaussian();
            }
            withSplit += loose.changePoints(series).isEmpty() ? 0 : 1;
        }
        assertTrue(withSplit >= 2 && withSplit <= 25, withSplit + " of 200 noise series had a split");
    }
}
