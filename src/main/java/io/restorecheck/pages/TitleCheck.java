package io.restorecheck.pages;

import io.restorecheck.config.PagesSection;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** One page's title element against the database title, under the site's rules (for the smoke check). */
public final class TitleCheck {
    private TitleCheck() {
    }

    /** What is wrong with the page's title, or empty when it shows the database title. */
    public static Optional<String> problem(String databaseTitle, String html, String baseUri, PagesSection.Title rules) {
        Document doc = Jsoup.parse(html, baseUri);
        Element element = doc.selectFirst(rules.selector());
        String expected = TitleMatch.expected(databaseTitle, rules);
        if (element == null) {
            return Optional.of("no element matches '" + rules.selector() + "' (expected the title '" + expected + "')");
        }
        return TitleMatch.matches(databaseTitle, element.text(), rules) ? Optional.empty()
                : Optional.of("the title shows '" + element.text() + "', the database says '" + expected + "'");
    }
}
