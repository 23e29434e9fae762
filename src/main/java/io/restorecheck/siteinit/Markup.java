package io.restorecheck.siteinit;

import java.util.List;
import java.util.regex.Pattern;

/** What the page text column holds (wiki markup, HTML or plain text), told from a sample of rows. */
final class Markup {
    private static final Pattern WIKI = Pattern.compile("\\[\\[|'''|\\{\\{|^=+[^=\\n]+=+\\s*$", Pattern.MULTILINE);
    private static final Pattern HTML = Pattern.compile("<(p|div|br|span|a|ul|li|h[1-6]|table)[\\s>/]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LABELLED_LINK = Pattern.compile("\\[\\[[^\\[\\]|]*\\|([^\\[\\]]*)\\]\\]");
    private static final Pattern LINK = Pattern.compile("\\[\\[([^\\[\\]|]*)\\]\\]");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^{}]*\\}\\}");
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][^<>]*>");

    /** The guess, in the config's words ({@code wiki}, {@code html}, {@code plain}), and how many rows said so. */
    record Guess(String markup, String evidence) {
    }

    private Markup() {
    }

    static Guess of(List<String> texts) {
        int wiki = 0;
        int html = 0;
        for (String t : texts) {
            if (WIKI.matcher(t).find()) {
                wiki++;
            } else if (HTML.matcher(t).find()) {
                html++;
            }
        }
        String counts = wiki + " of " + texts.size() + " sampled rows carry wiki markup ([[links]], '''bold''', "
                + "== headings ==, {{templates}}), " + html + " HTML tags";
        if (wiki > 0 && wiki >= html) {
            return new Guess("wiki", counts);
        }
        if (html > 0) {
            return new Guess("html", counts);
        }
        return new Guess("plain", counts);
    }

    /** Roughly the words a reader sees of a stored text, enough to find the element that shows it. */
    static String visible(String text, String markup) {
        String s = text;
        if (markup.equals("wiki")) {
            s = LABELLED_LINK.matcher(s).replaceAll("$1");
            s = LINK.matcher(s).replaceAll("$1");
            s = TEMPLATE.matcher(s).replaceAll(" ");
        }
        if (!markup.equals("plain")) {
            s = TAG.matcher(s).replaceAll(" ");
        }
        return s;
    }
}
