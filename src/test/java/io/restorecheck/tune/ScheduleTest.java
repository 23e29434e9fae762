package io.restorecheck.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void roundsInterleaveVariantsInsteadOfRepeatingOneAfterAnother() {
        List<Schedule.Slot> slots = Schedule.interleaved(3, 2, OptionalLong.empty());

        assertEquals(List.of(new Schedule.Slot(0, 0), new Schedule.Slot(1, 0), new Schedule.Slot(2, 0),
                new Schedule.Slot(0, 1), new Schedule.Slot(1, 1), new Schedule.Slot(2, 1)), slots);
    }

    @Test
    void shuffledRoundsStillMeasureEveryVariantOncePerRoundAndNeverTwiceInARow() {
        for (long seed = 0; seed < 200; seed++) {
            List<Schedule.Slot> slots = Schedule.interleaved(4, 5, OptionalLong.of(seed));
            assertEquals(20, slots.size());
            for (int round = 0; round < 5; round++) {
                Set<Integer> inRound = new HashSet<>();
                for (Schedule.Slot s : slots.subList(round * 4, round * 4 + 4)) {
                    assertEquals(round, s.repeat());
                    inRound.add(s.variant());
                }
                assertEquals(Set.of(0, 1, 2, 3), inRound, "seed " + seed + " round " + round);
            }
            for (int i = 1; i < slots.size(); i++) {
                assertNotEquals(slots.get(i - 1).variant(), slots.get(i).variant(), "seed " + seed + " at " + i);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameOrder() {
        assertEquals(Schedule.interleaved(5, 3, OptionalLong.of(11)), Schedule.interleaved(5, 3, OptionalLong.of(11)));
    }

    @Test
    void oneVariantIsMeasuredRepeatedly() {
        assertEquals(3, Schedule.interleaved(1, 3, OptionalLong.of(1)).size());
    }
}
