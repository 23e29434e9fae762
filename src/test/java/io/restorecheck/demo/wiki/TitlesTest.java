package io.restorecheck.demo.wiki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TitlesTest {
    @Test
    void pathUsesUnderscoresForSpaces() {
        assertEquals("/Cedar_Street_17", Titles.path("Cedar Street 17"));
        assertEquals("/Main_Page", WikiServer.pagePath("Main Page"));
    }

    @Test
    void pathPercentEncodesWhatUrlsCannotCarry() {
        assertEquals("/Caf%C3%A9_%26_Bar%3F", Titles.path("Café & Bar?"));
    }

    @Test
    void fromPathDecodesPercentAndUnderscores() {
        assertEquals("Café & Bar?", Titles.fromPath("/Caf%C3%A9_%26_Bar%3F"));
        assertEquals("Cedar Street 17", Titles.fromPath("/Cedar_Street_17"));
        assertEquals("Cedar Street 17", Titles.fromPath("/Cedar%20Street_17"));
    }

    @Test
    void plusInPathIsALiteralPlus() {
        assertEquals("C++ Club", Titles.fromPath("/C++_Club"));
    }

    @Test
    void pathAndFromPathRoundTrip() {
        for (String title : new String[] {"Main Page", "AC/DC", "Ünïcode Straße 5", "50% (approx.)", "a+b=c"}) {
            assertEquals(title, Titles.fromPath(Titles.path(title)), title);
        }
    }

    @Test
    void nameIsLowerCasedWithSingleSpaces() {
        assertEquals("cedar street 17", Titles.name(" Cedar__Street  17 "));
    }

    @Test
    void cacheKeyOfAPlainTitleIsReadable() {
        assertEquals("wiki:page:cedar_street_17", WikiServer.cacheKey("Cedar Street 17"));
        assertEquals(WikiServer.cacheKey("Cedar Street 17"), WikiServer.cacheKey("cedar_street_17"));
    }

    @Test
    void cacheKeyIsHashedWhenTooLongOrNotAscii() {
        String longKey = Titles.cacheKey("x".repeat(400));
        String unicodeKey = Titles.cacheKey("Café");
        assertTrue(longKey.startsWith("wiki:page:sha256:"), longKey);
        assertTrue(unicodeKey.startsWith("wiki:page:sha256:"), unicodeKey);
        assertTrue(longKey.getBytes(StandardCharsets.UTF_8).length <= Titles.MAX_KEY_BYTES);
        assertTrue(unicodeKey.chars().allMatch(c -> c > 0x20 && c < 0x7f));
    }

    @Test
    void markerNamesPageAndRevision() {
        assertEquals("rc:cedar_street_17:r3", Titles.marker("Cedar Street 17", 3));
    }
}
