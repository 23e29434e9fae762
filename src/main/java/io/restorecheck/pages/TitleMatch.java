package io.restorecheck.pages;

import io.restorecheck.config.PagesSection;
import java.util.Locale;
import org.jsoup.parser.Parser;

/** Whether a page's title element shows the database title, under the site's normalisation rules. */
final class TitleMatch {
    private TitleMatch() {
    }

    /** What the title element should show: the configured format with the database title in it. */
    static String expected(String databaseTitle, PagesSection.Title rules) {
        String title = rules.decodeEntities() ? Parser.unescapeEntities(databaseTitle, false) : databaseTitle;
        return rules.format().replace("{title}", title);
    }

    static boolean matches(String databaseTitle, String shown, PagesSection.Title rules) {
        return shown != null && normalise(expected(databaseTitle, rules), rules).equals(normalise(shown, rules));
    }

    /** The form both sides are compared in. */
    static String normalise(String s, PagesSection.Title rules) {
        String out = s;
        if (rules.underscoresAsSpaces()) {
            out = out.replace('_', ' ');
        }
        if (rules.collapseWhitespace()) {
            // jsoup turns &nbsp; into U+00A0, which \s does not match.
            out = out.replace('\u00a0', ' ').strip().replaceAll("\\s+", " ");
        }
        return rules.caseSensitive() ? out : out.toLowerCase(Locale.ROOT);
    }
}
