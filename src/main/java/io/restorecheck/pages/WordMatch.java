package io.restorecheck.pages;

import java.util.List;

/**
 * How much of the expected words a page shows in order: the longest common subsequence of the expected and the
 * shown words over the expected count. Order matters, so an old revision reusing the same vocabulary scores low.
 *
 * @param matched       expected words found in order
 * @param expected      expected words looked for
 * @param firstMissing  index of the first expected word not found in a greedy in-order scan (-1: none)
 * @param shownAt       index in the shown words where that scan stood when it gave up
 */
record WordMatch(int matched, int expected, int firstMissing, int shownAt) {
    static WordMatch of(List<String> expected, List<String> shown) {
        int n = expected.size();
        int m = shown.size();
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            String word = expected.get(i - 1);
            for (int j = 1; j <= m; j++) {
                current[j] = word.equals(shown.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        int matched = previous[m];
        int firstMissing = -1;
        int shownAt = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            int k = shown.subList(j, m).indexOf(expected.get(i));
            if (k < 0) {
                firstMissing = i;
                shownAt = j;
                break;
            }
            j += k + 1;
        }
        return new WordMatch(matched, n, firstMissing, shownAt);
    }

    /** 1.0 when nothing was expected. */
    double fraction() {
        return expected == 0 ? 1.0 : (double) matched / expected;
    }
}
