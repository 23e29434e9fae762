package io.restorecheck.demo.wiki;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the wiki's markup to HTML: paragraphs, {@code == headings ==}, {@code * lists},
 * {@code '''bold'''}, {@code ''italic''} and {@code [[Page]]} / {@code [[Page|label]]} links,
 * which get class "existing" or, like a real wiki's create links, "missing". All other
 * text is escaped.
 */
final class Markup {
    private static final Pattern HEADING = Pattern.compile("^(={2,4})\\s*(.+?)\\s*\\1\\s*$");
    private static final Pattern INLINE = Pattern.compile(
            "\\[\\[([^\\[\\]|]+)(?:\\|([^\\[\\]]*))?\\]\\]|'''(.+?)'''|''(.+?)''");
    private static final Pattern LINK = Pattern.compile("\\[\\[([^\\[\\]|]+)(?:\\|[^\\[\\]]*)?\\]\\]");

    private Markup() {
    }

    /** The normalized titles the text links to, in order of first appearance. */
    static Set<String> linkTargets(String text) {
        Set<String> targets = new LinkedHashSet<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String title = Titles.normalize(m.group(1));
            if (!title.isEmpty()) {
                targets.add(title);
            }
        }
        return targets;
    }

    /** Renders the text; {@code pageExists} is asked with stored (lower-cased) names. */
    static String render(String text, Predicate<String> pageExists) {
        StringBuilder html = new StringBuilder(text.length() + text.length() / 2);
        StringBuilder paragraph = new StringBuilder();
        boolean inList = false;
        for (String line : text.split("\r?\n", -1)) {
            Matcher heading = HEADING.matcher(line);
            boolean isItem = line.startsWith("* ");
            if (line.isBlank() || heading.matches() || isItem) {
                flushParagraph(html, paragraph, pageExists);
            }
            if (inList && !isItem) {
                html.append("</ul>\n");
                inList = false;
            }
            if (line.isBlank()) {
                continue;
            }
            if (heading.matches()) {
                int level = heading.group(1).length();
                html.append("<h").append(level).append('>');
                inline(html, heading.group(2), pageExists);
                html.append("</h").append(level).append(">\n");
            } else if (isItem) {
                if (!inList) {
                    html.append("<ul>\n");
                    inList = true;
                }
                html.append("<li>");
                inline(html, line.substring(2).strip(), pageExists);
                html.append("</li>\n");
            } else {
                if (paragraph.length() > 0) {
                    paragraph.append('\n');
                }
                paragraph.append(line);
            }
        }
        flushParagraph(html, paragraph, pageExists);
        if (inList) {
            html.append("</ul>\n");
        }
        return html.toString();
    }

    private static void flushParagraph(StringBuilder html, StringBuilder paragraph, Predicate<String> pageExists) {
        if (paragraph.length() == 0) {
            return;
        }
        html.append("<p>");
        inline(html, paragraph.toString(), pageExists);
        html.append("</p>\n");
        paragraph.setLength(0);
    }

    private static void inline(StringBuilder html, String text, Predicate<String> pageExists) {
        Matcher m = INLINE.matcher(text);
        int last = 0;
        while (m.find()) {
            Html.escape(html, text.substring(last, m.start()));
            if (m.group(1) != null) {
                link(html, m.group(1), m.group(2), pageExists);
            } else if (m.group(3) != null) {
                html.append("<strong>");
                inline(html, m.group(3), pageExists);
                html.append("</strong>");
            } else {
                html.append("<em>");
                inline(html, m.group(4), pageExists);
                html.append("</em>");
            }
            last = m.end();
        }
        Html.escape(html, text.substring(last));
    }

    private static void link(StringBuilder html, String target, String label, Predicate<String> pageExists) {
        String title = Titles.normalize(target);
        String shown = label == null || label.isBlank() ? target.strip() : label.strip();
        if (title.isEmpty()) {
            Html.escape(html, "[[" + target + "]]");
            return;
        }
        boolean exists = pageExists.test(Titles.name(title));
        html.append("<a href=\"");
        Html.escape(html, exists ? Titles.path(title) : Titles.path(title) + "?action=edit");
        html.append(exists ? "\" class=\"existing\"" : "\" class=\"missing\"");
        html.append(" title=\"");
        Html.escape(html, exists ? title : title + " (page does not exist)");
        html.append("\">");
        Html.escape(html, shown);
        html.append("</a>");
    }
}
