package io.restorecheck.integrity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What differs between two sets of rows: keys only in the reference (missing from the restored database), keys
 * only in the restored database (extra), and keys in both whose row hash differs (changed). Lists keep the first
 * {@code cap} keys; totals count all.
 */
final class RowDiff {
    final List<Key> missing = new ArrayList<>();
    final List<Key> extra = new ArrayList<>();
    final List<Key> changed = new ArrayList<>();
    long missingTotal;
    long extraTotal;
    long changedTotal;
    private final int cap;

    RowDiff(int cap) {
        this.cap = cap;
    }

    /** Compares leaf rows, key to row hash, of both sides; the reference's order is kept in the lists. */
    void addLeaf(Map<Key, Long> reference, Map<Key, Long> restored) {
        for (Map.Entry<Key, Long> r : reference.entrySet()) {
            Long other = restored.get(r.getKey());
            if (other == null) {
                addMissing(r.getKey(), 1);
            } else if (!other.equals(r.getValue())) {
                changedTotal++;
                if (changed.size() < cap) {
                    changed.add(r.getKey());
                }
            }
        }
        for (Key k : restored.keySet()) {
            if (!reference.containsKey(k)) {
                addExtra(k, 1);
            }
        }
    }

    /** {@code total} keys missing, of which {@code sample} are named. */
    void addMissing(List<Key> sample, long total) {
        missingTotal += total;
        for (Key k : sample) {
            if (missing.size() < cap) {
                missing.add(k);
            }
        }
    }

    void addExtra(List<Key> sample, long total) {
        extraTotal += total;
        for (Key k : sample) {
            if (extra.size() < cap) {
                extra.add(k);
            }
        }
    }

    private void addMissing(Key k, long n) {
        addMissing(List.of(k), n);
    }

    private void addExtra(Key k, long n) {
        addExtra(List.of(k), n);
    }

    boolean isEmpty() {
        return missingTotal == 0 && extraTotal == 0 && changedTotal == 0;
    }

    int cap() {
        return cap;
    }
}
