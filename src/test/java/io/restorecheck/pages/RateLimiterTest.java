package io.restorecheck.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    private RateLimiter limiter(double perSecond) {
        return new RateLimiter(perSecond, () -> now, nanos -> {
            sleeps.add(nanos);
        });
    }

    @Test
    void backToBackRequestsAreSpacedAtTheRate() throws InterruptedException {
        RateLimiter limiter = limiter(10);
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(100_000_000L, 200_000_000L, 300_000_000L), sleeps);
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() throws InterruptedException {
        RateLimiter limiter = limiter(10);
        limiter.acquire();
        now += 5_000_000_000L;
        limiter.acquire();
        limiter.acquire();
        assertEquals(List.of(100_000_000L), sleeps);
    }
}
