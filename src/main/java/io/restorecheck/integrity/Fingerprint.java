package io.restorecheck.integrity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A segment's row count and the sum of its rows' 64-bit hashes (mod nothing: a numeric), computed in SQL. Two
 * segments with equal fingerprints hold the same rows, short of a 64-bit hash collision.
 */
record Fingerprint(long rows, String hashSum) {
    static final Fingerprint EMPTY = new Fingerprint(0, "0");

    /** Segment numbers whose fingerprints differ, missing segments counting as empty. */
    static <K extends Comparable<K>> List<K> mismatched(Map<K, Fingerprint> reference, Map<K, Fingerprint> restored) {
        TreeSet<K> all = new TreeSet<>(reference.keySet());
        all.addAll(restored.keySet());
        List<K> out = new ArrayList<>();
        for (K segment : all) {
            if (!reference.getOrDefault(segment, EMPTY).equals(restored.getOrDefault(segment, EMPTY))) {
                out.add(segment);
            }
        }
        return out;
    }
}
