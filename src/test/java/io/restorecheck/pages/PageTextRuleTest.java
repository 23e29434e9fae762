package io.restorecheck.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.PagesSection;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The page-text rule on a real wiki's layout: the database holds wiki markup with footnotes, an infobox and a
 * table with attributes; the page renders footnotes at its end, the infobox beside the text and table attributes
 * not at all. The runs rule must accept the current revision and still reject a stale one a few words apart.
 */
class PageTextRuleTest {
    private static final String CURRENT = """
            {{Infobox park|name=Oak Park|area=12 ha|opened=1887}}
            '''Oak Park''' is a public park in the north of the city, laid out by the gardener [[Anna Berg]] on the \
            former brick works.<ref>City archive, ''Parks of the city'', volume 3, page 41.</ref> It is known for \
            its old oak trees and the pond that freezes in winter.<ref name="pond">Local history society \
            newsletter, spring issue.</ref>

            == Facilities ==
            {| class="wikitable" style="width:40%; background:#eef"
            |- style="font-weight:bold"
            ! scope="col" | Facility !! scope="col" | Since
            |-
            | style="text-align:left" | Playground for small children || 1962
            |-
            | Open air theatre near the pond || 1975
            |}
            The park is open from dawn to dusk, and dogs must be kept on a leash near the playground.
            """;

    /** What the wiki renders: infobox first, the text with footnote marks, the table, then the footnotes. */
    private static String page(String text) {
        String body = text.replaceAll("(?s)<ref[^>]*>.*?</ref>", "[n]");
        List<String> notes = new java.util.ArrayList<>();
        var m = java.util.regex.Pattern.compile("(?s)<ref[^>]*>(.*?)</ref>").matcher(text);
        while (m.find()) {
            notes.add("<li>^ " + m.group(1).replace("''", "") + "</li>");
        }
        String prose = body.replaceAll("\\{\\{Infobox[^}]*}}", "").replaceAll("(?s)\\{\\|.*?\\|}", " TABLE ")
                .replace("'''", "").replace("[[", "").replace("]]", "").replace("== Facilities ==", "<h2>Facilities</h2>");
        String table = "<table><tr><th>Facility</th><th>Since</th></tr><tr><td>Playground for small children</td>"
                + "<td>1962</td></tr><tr><td>Open air theatre near the pond</td><td>1975</td></tr></table>";
        return "<html><body><nav>Main page Recent changes Random page</nav><div id='content'>"
                + "<table class='infobox'><tr><th>Name</th><td>Oak Park</td></tr><tr><th>Area</th><td>12 ha</td></tr>"
                + "<tr><th>Opened</th><td>1887</td></tr></table><p>" + prose.replace(" TABLE ", table)
                + "</p><h2>References</h2><ol>" + String.join("", notes) + "</ol></div>"
                + "<footer>This page was last edited on 1 May. Privacy policy</footer></body></html>";
    }

    private static List<String> expected(String wikiText) {
        List<String> all = Words.of(wikiText, PagesSection.Markup.WIKI, false);
        return all.subList(0, Math.min(200, all.size()));
    }

    private static List<String> shown(String html) {
        return Words.split(Jsoup.parse(html).select("#content").text(), false);
    }

    @Test
    void footnotesAtTheEndAndInfoboxAndTableMarkupStillMatchUnderTheRunsRule() {
        WordMatch runs = WordMatch.runs(expected(CURRENT), shown(page(CURRENT)), 3);
        assertEquals(0, runs.changed(), "no word shown in place of another: " + runs);
        assertTrue(runs.fraction() >= 0.95, "runs rule share " + runs.fraction());
        // The in-order rule is what failed on real wikis: footnote bodies are looked for where the text has them.
        WordMatch inOrder = WordMatch.of(expected(CURRENT), shown(page(CURRENT)));
        assertTrue(inOrder.fraction() < 0.9, "in-order share " + inOrder.fraction());
    }

    @Test
    void tableAttributesAreNotTextAReaderSees() {
        List<String> words = expected(CURRENT);
        assertTrue(!words.contains("wikitable") && !words.contains("scope") && !words.contains("style"), words
                .toString());
        assertTrue(words.contains("playground") && words.contains("1975"), words.toString());
    }

    @Test
    void aStaleRevisionAFewWordsApartFails() {
        String stale = CURRENT.replace("its old oak trees", "its young birch trees")
                .replace("dawn to dusk", "eight to six");
        WordMatch m = WordMatch.runs(expected(CURRENT), shown(page(stale)), 3);
        assertTrue(m.fraction() >= 0.9, "the share alone would pass: " + m.fraction());
        // "oak" also appears in "Oak Park", so only old, dawn and dusk are certain substitutions.
        assertEquals(3, m.changed(), "old, dawn, dusk shown as other words: " + m);
        assertEquals("old", expected(CURRENT).get(m.firstMissing()), m.toString());
    }

    @Test
    void aStaleRevisionWithOneWordChangedFails() {
        String stale = CURRENT.replace("freezes in winter", "floods in winter");
        WordMatch m = WordMatch.runs(expected(CURRENT), shown(page(stale)), 3);
        assertEquals(1, m.changed(), m.toString());
    }

    @Test
    void aCompletelyDifferentPageScoresLowAndAShortTextNeedsOnlyItsLength() {
        WordMatch other = WordMatch.runs(expected(CURRENT), Words.split("Another page about a river", false), 3);
        assertTrue(other.fraction() < 0.1, "share " + other.fraction());
        assertEquals(1.0, WordMatch.runs(List.of("stub", "page"), List.of("x", "stub", "page", "y"), 3).fraction());
    }

    @Test
    void wordsRepeatedElsewhereOnThePageAreNotCountedAsChanged() {
        // "the" appears elsewhere: replacing it is indistinguishable from layout, so it only lowers the share.
        List<String> expected = Words.split("one two three the four five six", false);
        List<String> shown = Words.split("one two three a four five six and the end", false);
        WordMatch m = WordMatch.runs(expected, shown, 3);
        assertEquals(0, m.changed(), m.toString());
        assertEquals(6.0 / 7, m.fraction(), 1e-9);
    }
}
