package io.restorecheck.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restorecheck.config.PagesSection.Markup;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void wikiLinksShowTheirLabelOrTarget() {
        assertEquals(List.of("see", "oak", "park", "and", "the", "market"),
                Words.of("See [[Oak Park]] and [[Cedar Market 3|the market]].", Markup.WIKI, false));
    }

    @Test
    void blankLinkLabelShowsTheTarget() {
        assertEquals(List.of("oak", "park"), Words.of("[[Oak Park|]]", Markup.WIKI, false));
    }

    @Test
    void emphasisHeadingsAndListMarksAreNotWords() {
        assertEquals(List.of("cedar", "street", "is", "old", "history", "built", "in", "1901"),
                Words.of("'''Cedar Street''' is ''old''\n\n== History ==\n* built in 1901", Markup.WIKI, false));
    }

    @Test
    void templatesCommentsAndTagsVanishAndEntitiesDecode() {
        assertEquals(List.of("café", "opens", "at", "noon"),
                Words.of("{{Infobox|name={{x}}}}Caf&eacute; <!-- hidden --> <b>opens</b> at noon", Markup.WIKI,
                        false));
    }

    @Test
    void externalLinksShowTheirLabel() {
        assertEquals(List.of("read", "the", "docs"), Words.of("Read [https://example.org the docs] [https://x.org]",
                Markup.WIKI, false));
    }

    @Test
    void htmlTextIsWhatTheBrowserShows() {
        assertEquals(List.of("fish", "chips"), Words.of("<p>Fish &amp; <em>chips</em></p>", Markup.HTML, false));
    }

    @Test
    void plainTextKeepsMarkupCharactersAsPunctuationOnly() {
        assertEquals(List.of("a", "b", "c"), Words.of("[[a|b]] c", Markup.PLAIN, false));
    }

    @Test
    void caseIsFoldedUnlessCaseSensitive() {
        assertEquals(List.of("Main", "Page"), Words.of("Main Page", Markup.PLAIN, true));
        assertEquals(List.of("main", "page"), Words.of("Main Page", Markup.PLAIN, false));
    }

    @Test
    void missingTextHasNoWords() {
        assertEquals(List.of(), Words.of(null, Markup.WIKI, false));
    }
}
