package io.restorecheck.cache;

import java.util.Collection;
import java.util.OptionalDouble;

/**
 * What happened on memcached between two {@code stats} readings: counters only grow, so the traffic of a window
 * is the difference. A restart in between (counters going down) counts from zero.
 */
public record StatsDelta(long hits, long misses, long evictions) {
    public static StatsDelta between(ServerStats before, ServerStats after) {
        return new StatsDelta(grown(before.getHits(), after.getHits()), grown(before.getMisses(), after.getMisses()),
                grown(before.evictions(), after.evictions()));
    }

    public static StatsDelta sum(Collection<StatsDelta> deltas) {
        long h = 0;
        long m = 0;
        long e = 0;
        for (StatsDelta d : deltas) {
            h += d.hits;
            m += d.misses;
            e += d.evictions;
        }
        return new StatsDelta(h, m, e);
    }

    public long gets() {
        return hits + misses;
    }

    /** Δget_hits / (Δget_hits + Δget_misses); empty when there were no gets at all. */
    public OptionalDouble hitRatio() {
        return gets() == 0 ? OptionalDouble.empty() : OptionalDouble.of(hits / (double) gets());
    }

    private static long grown(long before, long after) {
        return after >= before ? after - before : after;
    }
}
