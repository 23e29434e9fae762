package io.restorecheck.pages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A seeded sample of a stream of pages that does not depend on the order the rows arrive in: each title gets a
 * hash from the seed, and the sample is the {@code size} smallest. Memory stays at the sample size.
 */
final class Sampling<T> {
    private record Entry<T>(long rank, String title, T item) {
    }

    private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingLong(Entry::rank)
            .thenComparing(Entry::title);

    private final long seed;
    private final int size;
    private final PriorityQueue<Entry<T>> largestFirst;
    private long offered;

    Sampling(long seed, int size) {
        this.seed = seed;
        this.size = size;
        this.largestFirst = new PriorityQueue<>(Math.min(size, 1 << 16) + 1, ORDER.reversed());
    }

    void offer(String title, T item) {
        offered++;
        Entry<T> e = new Entry<>(rank(seed, title), title, item);
        if (largestFirst.size() < size) {
            largestFirst.add(e);
        } else if (ORDER.compare(e, largestFirst.peek()) < 0) {
            largestFirst.poll();
            largestFirst.add(e);
        }
    }

    long offered() {
        return offered;
    }

    /** The sample in rank order (stable for a seed). */
    List<T> sample() {
        List<Entry<T>> entries = new ArrayList<>(largestFirst);
        entries.sort(ORDER);
        return entries.stream().map(Entry::item).toList();
    }

    /** FNV-1a over the UTF-8 bytes, seeded, then a 64-bit finaliser so that near titles spread. */
    static long rank(long seed, String title) {
        long h = 0xcbf29ce484222325L ^ (seed * 0x9e3779b97f4a7c15L);
        for (byte b : title.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
