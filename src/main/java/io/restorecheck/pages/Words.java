package io.restorecheck.pages;

import io.restorecheck.config.PagesSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/**
 * Reduces text to the words a reader sees: runs of letters and digits, punctuation dropped, so that markup
 * rendered to HTML and the markup itself compare word for word.
 */
final class Words {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern WIKI_LINK = Pattern.compile("\\[\\[([^\\[\\]|]*)(?:\\|([^\\[\\]]*))?\\]\\]");
    private static final Pattern EXTERNAL_LINK = Pattern.compile("\\[(?:https?|ftp)://[^\\s\\]]+(?:\\s+([^\\]]*))?\\]");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^{}]*\\}\\}");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][^<>]*>");
    /** Table start, row and end lines ({|, |-, |}) carry only attributes, which a reader never sees. */
    private static final Pattern TABLE_FRAME_LINE = Pattern.compile("(?m)^[ \\t]*(\\{\\||\\|-|\\|\\}).*$");
    /** An attribute such as style="..." on a table, row or cell line. */
    private static final Pattern TABLE_ATTRIBUTE = Pattern.compile("[\\w-]+[ \\t]*=[ \\t]*(\"[^\"\\n]*\"|'[^'\\n]*')");
    private static final Pattern TABLE_CELL_LINE = Pattern.compile("(?m)^[ \\t]*[|!].*$");

    private Words() {
    }

    /** The words of {@code text} written in {@code markup}, lower-cased unless case-sensitive. */
    static List<String> of(String text, PagesSection.Markup markup, boolean caseSensitive) {
        if (text == null) {
            return List.of();
        }
        String visible = switch (markup) {
            case PLAIN -> text;
            case WIKI -> stripWikiMarkup(text);
            case HTML -> Jsoup.parse(text).text();
        };
        return split(visible, caseSensitive);
    }

    /** The words of text a reader already sees (a page's text), lower-cased unless case-sensitive. */
    static List<String> split(String visible, boolean caseSensitive) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(visible);
        while (m.find()) {
            words.add(caseSensitive ? m.group() : m.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    /**
     * Wiki markup as its reader sees it: {@code [[Target|label]]} shows the label ({@code [[Target]]} the target),
     * {@code [http://x label]} the label, templates, comments and tags vanish, table frame lines ({@code {|},
     * {@code |-}, {@code |}}) and attributes on table lines ({@code style="..."}) vanish, entities are decoded.
     * Footnote bodies ({@code <ref>...</ref>}) keep their words: the page shows them at its end. Emphasis,
     * heading and list marks are punctuation, which {@link #split} drops anyway.
     */
    static String stripWikiMarkup(String text) {
        String s = COMMENT.matcher(text).replaceAll(" ");
        String previous;
        do {
            previous = s;
            s = TEMPLATE.matcher(s).replaceAll(" ");
        } while (!s.equals(previous));
        s = TABLE_FRAME_LINE.matcher(s).replaceAll(" ");
        s = replace(TABLE_CELL_LINE, s, m -> TABLE_ATTRIBUTE.matcher(m.group()).replaceAll(" "));
        s = replace(WIKI_LINK, s, m -> {
            String label = m.group(2);
            return label == null || label.isBlank() ? m.group(1) : label;
        });
        s = replace(EXTERNAL_LINK, s, m -> m.group(1) == null ? " " : m.group(1));
        s = TAG.matcher(s).replaceAll(" ");
        return Parser.unescapeEntities(s, false);
    }

    private static String replace(Pattern pattern, String s, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
