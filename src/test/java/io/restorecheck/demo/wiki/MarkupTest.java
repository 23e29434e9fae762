package io.restorecheck.demo.wiki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class MarkupTest {
    private static final Set<String> EXISTING = Set.of("main page", "cedar street 17");

    private static Document render(String text) {
        return Jsoup.parseBodyFragment(Markup.render(text, EXISTING::contains));
    }

    @Test
    void blankLinesSeparateParagraphs() {
        Document doc = render("first line\nstill first\n\nsecond");
        assertEquals(List.of("first line still first", "second"), doc.select("p").eachText());
    }

    @Test
    void equalsSignsMakeHeadingsOfTheirLevel() {
        Document doc = render("== History ==\ntext\n=== Early years ===");
        assertEquals("History", doc.selectFirst("h2").text());
        assertEquals("Early years", doc.selectFirst("h3").text());
        assertEquals("text", doc.selectFirst("p").text());
    }

    @Test
    void tripleQuotesAreBoldAndDoubleQuotesItalic() {
        String html = Markup.render("a '''bold''' and ''italic'' word", EXISTING::contains);
        assertEquals("<p>a <strong>bold</strong> and <em>italic</em> word</p>\n", html);
    }

    @Test
    void linkToExistingPageGoesToThePage() {
        Element a = render("see [[Cedar Street 17]] now").selectFirst("a");
        assertEquals("/Cedar_Street_17", a.attr("href"));
        assertEquals("existing", a.className());
        assertEquals("Cedar Street 17", a.text());
    }

    @Test
    void linkToMissingPageIsACreateLink() {
        Element a = render("see [[Oak Lane Archive]]").selectFirst("a");
        assertEquals("/Oak_Lane_Archive?action=edit", a.attr("href"));
        assertEquals("missing", a.className());
        assertTrue(a.attr("title").contains("does not exist"));
    }

    @Test
    void linkLookupIgnoresCaseAndUnderscores() {
        Element a = render("[[main_Page|home]]").selectFirst("a");
        assertEquals("existing", a.className());
        assertEquals("/main_Page", a.attr("href"));
        assertEquals("home", a.text());
    }

    @Test
    void linksInsideBoldAndListsAreRendered() {
        Document doc = render("* item with '''[[Main Page]]'''\n* second\n\nafter");
        assertEquals(2, doc.select("ul > li").size());
        assertEquals("/Main_Page", doc.selectFirst("li strong a").attr("href"));
        assertEquals("after", doc.selectFirst("ul + p").text());
    }

    @Test
    void htmlInTextAndLabelsIsEscaped() {
        String html = Markup.render("<script>alert(1)</script> & [[Main Page|<b>x</b>]]", EXISTING::contains);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; "), html);
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;</a>"), html);
    }

    @Test
    void unclosedMarkupStaysLiteralText() {
        assertEquals("<p>[[Main Page and '''half</p>\n", Markup.render("[[Main Page and '''half", n -> true));
    }

    @Test
    void linkTargetsAreNormalizedAndDistinct() {
        assertEquals(List.of("Cedar Street 17", "Oak Lane"),
                List.copyOf(Markup.linkTargets("[[Cedar_Street_17]] [[ Oak  Lane |x]] [[Cedar Street 17]]")));
    }
}
