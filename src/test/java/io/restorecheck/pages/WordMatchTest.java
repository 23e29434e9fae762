package io.restorecheck.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordMatchTest {
    private static List<String> w(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void allWordsInOrderAmongOthersMatchFully() {
        WordMatch m = WordMatch.of(w("oak park is old"), w("sample wiki oak park is very old menu"));
        assertEquals(1.0, m.fraction());
        assertEquals(-1, m.firstMissing());
    }

    @Test
    void sameWordsInAnotherOrderScoreLow() {
        WordMatch m = WordMatch.of(w("a b c d e f"), w("f e d c b a"));
        assertEquals(1.0 / 6, m.fraction(), 1e-9);
    }

    @Test
    void firstMissingWordAndWhereTheScanStoodAreReported() {
        WordMatch m = WordMatch.of(w("oak park was rebuilt in 1990"), w("oak park was closed"));
        assertEquals(3, m.firstMissing());
        assertEquals(3, m.shownAt());
        assertEquals(0.5, m.fraction(), 1e-9);
    }

    @Test
    void nothingExpectedIsAFullMatch() {
        assertEquals(1.0, WordMatch.of(List.of(), w("x")).fraction());
    }

    @Test
    void excerptMarksTheMissingWord() {
        String e = Inspection.excerpt(w("oak park was rebuilt in 1990"), 3, 3);
        assertTrue(e.contains("was [rebuilt] in"), e);
    }
}
