package io.restorecheck.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * The order of measurements: round after round, each round measuring every variant once (A B C A B C, never
 * A A B B), so that drift of a noisy machine spreads over all variants instead of masquerading as an effect.
 * With a seed the order within each round is shuffled reproducibly; a round never starts with the variant the
 * previous one ended with.
 */
public final class Schedule {
    /** One measurement: which variant (0-based index into the matrix) and which repeat (0-based round). */
    public record Slot(int variant, int repeat) {
    }

    private Schedule() {
    }

    public static List<Slot> interleaved(int variants, int repeats, OptionalLong shuffleSeed) {
        if (variants < 1 || repeats < 1) {
            throw new IllegalArgumentException("variants (" + variants + ") and repeats (" + repeats
                    + ") must be at least 1");
        }
        List<Slot> slots = new ArrayList<>(variants * repeats);
        Random random = shuffleSeed.isPresent() ? new Random(shuffleSeed.getAsLong()) : null;
        int previous = -1;
        for (int round = 0; round < repeats; round++) {
            List<Integer> order = new ArrayList<>();
            for (int v = 0; v < variants; v++) {
                order.add(v);
            }
            if (random != null) {
                Collections.shuffle(order, random);
                if (variants > 1 && order.get(0) == previous) {
                    Collections.swap(order, 0, 1 + random.nextInt(variants - 1));
                }
            }
            for (int v : order) {
                slots.add(new Slot(v, round));
            }
            previous = order.get(variants - 1);
        }
        return List.copyOf(slots);
    }
}
