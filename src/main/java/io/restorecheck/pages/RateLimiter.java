package io.restorecheck.pages;

import java.util.function.LongSupplier;

/**
 * Spaces requests evenly at no more than a given rate across all fetching threads: each caller gets the next
 * free slot and sleeps until it comes. No bursts, so the check never looks like a load test to the site.
 */
final class RateLimiter {
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextSlot = Long.MIN_VALUE;

    RateLimiter(double perSecond, LongSupplier clock, Sleeper sleeper) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + perSecond);
        }
        this.intervalNanos = (long) Math.ceil(1e9 / perSecond);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    static RateLimiter perSecond(double perSecond) {
        return new RateLimiter(perSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000,
                (int) (nanos % 1_000_000)));
    }

    /** Blocks until the caller may send one request. */
    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = clock.getAsLong();
            long slot = nextSlot == Long.MIN_VALUE ? now : Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }
}
