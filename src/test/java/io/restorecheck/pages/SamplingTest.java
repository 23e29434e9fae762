package io.restorecheck.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplingTest {
    private static final List<String> TITLES = IntStream.range(0, 1000).mapToObj(i -> "Page " + i).toList();

    private static List<String> sample(List<String> titles, long seed, int size) {
        Sampling<String> s = new Sampling<>(seed, size);
        titles.forEach(t -> s.offer(t, t));
        return s.sample();
    }

    @Test
    void sameSeedGivesTheSameSampleWhateverTheRowOrder() {
        List<String> shuffled = new ArrayList<>(TITLES);
        Collections.shuffle(shuffled, new Random(3));
        assertEquals(sample(TITLES, 7, 50), sample(shuffled, 7, 50));
    }

    @Test
    void anotherSeedGivesAnotherSample() {
        assertNotEquals(sample(TITLES, 7, 50), sample(TITLES, 8, 50));
    }

    @Test
    void sampleHasTheAskedSizeOrEverything() {
        assertEquals(50, sample(TITLES, 1, 50).size());
        assertEquals(1000, sample(TITLES, 1, 5000).size());
        assertEquals(50, sample(TITLES, 1, 50).stream().distinct().count());
    }
}
