package io.restorecheck.siteinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class SelectorsTest {
    private static Document page(String title, String text) {
        return Jsoup.parse("<html><head><title>" + title + " | Shop</title></head><body><nav><a href=/>Shop</a> "
                + "<a href=/cart>Cart</a> menu items here and there</nav><main><h2 class=\"name\">" + title
                + "</h2><section><article id=\"prose\"><p>" + text + "</p></article><p>Related: more things</p>"
                + "</section></main><footer>Copyright and legal words that every page repeats</footer></body></html>");
    }

    @Test
    void titleStemsSplitTheHeadTitleAtSeparators() {
        assertEquals(List.of("Apple Pie | Shop", "Apple Pie", "Shop"), Selectors.titleStems("Apple  Pie | Shop"));
    }

    @Test
    void contentIsTheSmallestElementHoldingTheDatabaseText() {
        List<Selectors.Sample> samples = List.of(
                new Selectors.Sample(page("Pie", "apples butter flour baked golden"), "Pie",
                        Optional.of("Apples, butter, flour: baked golden.")),
                new Selectors.Sample(page("Bread", "bananas mashed into a sweet loaf"), "Bread",
                        Optional.of("Bananas mashed into a sweet loaf")));
        Selectors.Proposal content = Selectors.content(samples, 200).orElseThrow();
        assertTrue(content.selector().startsWith("article#prose"), content.toString());
        assertEquals(2, content.right());
        Selectors.Proposal title = Selectors.title(samples).orElseThrow();
        assertEquals("h2.name", title.selector());
    }

    @Test
    void markupIsToldFromTheStoredText() {
        assertEquals("wiki", Markup.of(List.of("'''Bold''' and [[a link]]", "plain words")).markup());
        assertEquals("html", Markup.of(List.of("<p>para</p>", "<div>x</div>")).markup());
        assertEquals("plain", Markup.of(List.of("just words", "more words")).markup());
        assertEquals(List.of("see", "the", "other", "page", "and", "the", "label"), Selectors.words(Markup.visible(
                "see [[Other page|the other page]] and [[the label]] {{stub}}", "wiki"), 100));
    }

    @Test
    void epochColumnNamesAreScoredByHowClearlyTheySayEdited() {
        assertEquals(3, SchemaSurvey.score("edittime"));
        assertEquals(3, SchemaSurvey.score("last_modified"));
        assertEquals(2, SchemaSurvey.score("event_time"));
        assertEquals(1, SchemaSurvey.score("created_at"));
        assertEquals("\"editTime\"", SchemaSurvey.ident("editTime"));
        assertEquals("\"user\"", SchemaSurvey.ident("user"));
        assertEquals("edittime", SchemaSurvey.ident("edittime"));
    }
}
