package io.restorecheck.pages;

import java.util.List;

/**
 * How much of the expected words a page shows. Two rules:
 * <ul>
 * <li>{@link #of in order}: the longest common subsequence of the expected and the shown words over the expected
 *     count. Order matters, so an old revision reusing the same vocabulary scores low; but content a real layout
 *     renders elsewhere (footnotes at the end, an infobox beside the text) breaks the order.</li>
 * <li>{@link #runs runs}: the share of expected words that appear as runs of at least {@code minRun} consecutive
 *     words anywhere on the page, so moved blocks still count. An edit still shows: right after a run, where
 *     the text has a word that appears nowhere on the page and the page has, at the same offset, a word that
 *     appears nowhere in the text, that word is {@code changed}; one changed word beyond the allowance fails
 *     the page.</li>
 * </ul>
 *
 * @param matched       expected words found (in order, or in runs)
 * @param expected      expected words looked for
 * @param firstMissing  index of the first expected word not found (-1: none); for runs, the first changed word
 *                      when there is one
 * @param shownAt       index in the shown words near where that word was looked for
 * @param changed       expected words the page shows other words in place of (runs only; 0 for in order)
 */
record WordMatch(int matched, int expected, int firstMissing, int shownAt, int changed) {
    /** The runs rule; {@code minRun} is lowered to the expected count for very short texts. */
    static WordMatch runs(List<String> expected, List<String> shown, int minRun) {
        int n = expected.size();
        int need = Math.max(1, Math.min(minRun, n));
        java.util.Map<String, List<Integer>> at = new java.util.HashMap<>();
        for (int j = 0; j < shown.size(); j++) {
            at.computeIfAbsent(shown.get(j), k -> new java.util.ArrayList<>()).add(j);
        }
        java.util.Set<String> onPage = at.keySet();
        List<int[]> runs = new java.util.ArrayList<>(); // {expected start, length, shown start}
        int matched = 0;
        int i = 0;
        int lastEnd = 0;
        while (i < n) {
            int bestLen = 0;
            int bestAt = -1;
            for (int p : at.getOrDefault(expected.get(i), List.of())) {
                int len = 0;
                while (i + len < n && p + len < shown.size() && expected.get(i + len).equals(shown.get(p + len))) {
                    len++;
                }
                // Longest wins; among equals, the one continuing where the last run ended.
                if (len > bestLen || (len == bestLen && bestAt >= 0 && Math.abs(p - lastEnd) < Math.abs(bestAt
                        - lastEnd))) {
                    bestLen = len;
                    bestAt = p;
                }
            }
            if (bestLen >= need) {
                runs.add(new int[] {i, bestLen, bestAt});
                matched += bestLen;
                i += bestLen;
                lastEnd = bestAt + bestLen;
            } else {
                i++;
            }
        }
        // A substitution: right after a run, the text has a word the page shows nowhere while the page has, at
        // the same offset, a word the text does not contain. Layout only moves or drops words; an edit swaps them.
        java.util.Set<String> inText = new java.util.HashSet<>(expected);
        int changed = 0;
        int firstChanged = -1;
        int shownAt = 0;
        for (int r = 0; r < runs.size(); r++) {
            int[] a = runs.get(r);
            int dbEnd = a[0] + a[1];
            int pageEnd = a[2] + a[1];
            int gapEnd = r + 1 < runs.size() ? runs.get(r + 1)[0] : n;
            for (int k = 0; dbEnd + k < gapEnd && pageEnd + k < shown.size(); k++) {
                if (!onPage.contains(expected.get(dbEnd + k)) && !inText.contains(shown.get(pageEnd + k))) {
                    changed++;
                    if (firstChanged < 0) {
                        firstChanged = dbEnd + k;
                        shownAt = pageEnd;
                    }
                }
            }
        }
        int firstMissing = firstChanged;
        if (firstMissing < 0 && matched < n) {
            // The first expected word outside every run, and the page position after the run before it.
            int covered = 0;
            for (int[] run : runs) {
                if (run[0] > covered) {
                    break;
                }
                covered = run[0] + run[1];
                shownAt = run[2] + run[1];
            }
            firstMissing = covered;
        }
        return new WordMatch(matched, n, firstMissing, shownAt, changed);
    }

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
        return new WordMatch(matched, n, firstMissing, shownAt, 0);
    }

    /** 1.0 when nothing was expected. */
    double fraction() {
        return expected == 0 ? 1.0 : (double) matched / expected;
    }
}
