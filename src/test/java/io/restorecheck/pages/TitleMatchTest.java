package io.restorecheck.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.PagesSection.Title;
import org.junit.jupiter.api.Test;

class TitleMatchTest {
    private static final Title DEFAULT = Title.DEFAULT;

    private static Title with(boolean caseSensitive, boolean collapse, boolean entities, boolean underscores) {
        return new Title("title", "title", "{title}", caseSensitive, collapse, entities, underscores);
    }

    @Test
    void equalTitlesMatch() {
        assertTrue(TitleMatch.matches("Main Page", "Main Page", DEFAULT));
    }

    @Test
    void whitespaceRunsCollapseByDefaultIncludingNoBreakSpaces() {
        assertTrue(TitleMatch.matches("Main  Page", " Main\u00a0Page\n", DEFAULT));
    }

    @Test
    void exactWhitespaceRuleKeepsRuns() {
        assertFalse(TitleMatch.matches("Main  Page", "Main Page", with(true, false, true, false)));
    }

    @Test
    void caseMattersByDefaultButNotWhenInsensitive() {
        assertFalse(TitleMatch.matches("Main Page", "main page", DEFAULT));
        assertTrue(TitleMatch.matches("Main Page", "main page", with(false, true, true, false)));
    }

    @Test
    void entitiesInTheDatabaseTitleAreDecodedByDefault() {
        assertTrue(TitleMatch.matches("Fish &amp; Chips", "Fish & Chips", DEFAULT));
        assertFalse(TitleMatch.matches("Fish &amp; Chips", "Fish & Chips", with(true, true, false, false)));
        assertTrue(TitleMatch.matches("Fish &amp; Chips", "Fish &amp; Chips", with(true, true, false, false)));
    }

    @Test
    void underscoresCountAsSpacesOnlyWhenAsked() {
        assertFalse(TitleMatch.matches("Main_Page", "Main Page", DEFAULT));
        assertTrue(TitleMatch.matches("Main_Page", "Main Page", with(true, true, true, true)));
    }

    @Test
    void formatWrapsTheDatabaseTitle() {
        Title suffixed = new Title("title", "title", "{title} - Sample Wiki", true, true, true, false);
        assertTrue(TitleMatch.matches("Oak Park", "Oak Park - Sample Wiki", suffixed));
        assertFalse(TitleMatch.matches("Oak Park", "Oak Park", suffixed));
        assertEquals("Oak Park - Sample Wiki", TitleMatch.expected("Oak Park", suffixed));
    }

    @Test
    void noElementNeverMatches() {
        assertFalse(TitleMatch.matches("Oak Park", null, DEFAULT));
    }
}
