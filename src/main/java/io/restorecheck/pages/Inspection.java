package io.restorecheck.pages;

import io.restorecheck.config.PagesSection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * What one page showed, held against what the database holds for it: status problems (no answer, not 200, wrong
 * content type, error markers), content problems (title, current text) and the links it carries.
 *
 * @param compared whether title and text were compared (only for a 200 answer of an accepted content type)
 */
record Inspection(ListedPage page, Fetched fetched, List<String> statusProblems, boolean compared,
                  Optional<String> titleProblem, Optional<TextProblem> textProblem, List<URI> links) {
    private static final int EXCERPT_WORDS = 24;
    private static final int MAX_SHOWN_WORDS = 50_000;

    /**
     * The page's text did not show enough of the current revision.
     *
     * @param expected the expected words around the first one missing, that one in [brackets]
     * @param shown    the page's words where the in-order scan gave up
     */
    record TextProblem(WordMatch match, String expected, String shown) {
    }

    boolean statusOk() {
        return statusProblems.isEmpty();
    }

    boolean contentOk() {
        return titleProblem.isEmpty() && textProblem.isEmpty();
    }

    static Inspection of(ListedPage page, Fetched fetched, PagesSection rules) {
        List<String> status = new ArrayList<>();
        if (!fetched.answered()) {
            status.add(fetched.outcome());
            return new Inspection(page, fetched, status, false, Optional.empty(), Optional.empty(), List.of());
        }
        if (fetched.status() != 200) {
            status.add("HTTP " + fetched.status());
        }
        String type = fetched.contentType().toLowerCase(Locale.ROOT);
        boolean typeOk = rules.contentTypes().stream().anyMatch(t -> type.startsWith(t.toLowerCase(Locale.ROOT)));
        if (!typeOk) {
            status.add("content type '" + fetched.contentType() + "', expected " + String.join(" or ",
                    rules.contentTypes()));
        }
        Document doc = parse(fetched);
        String visible = doc.title() + " " + (doc.body() == null ? doc.text() : doc.body().text());
        for (String marker : rules.errorMarkers()) {
            if (visible.contains(marker)) {
                status.add("error marker '" + marker + "'");
            }
        }
        boolean compared = fetched.status() == 200 && typeOk;
        if (!compared) {
            return new Inspection(page, fetched, status, false, Optional.empty(), Optional.empty(), List.of());
        }
        return new Inspection(page, fetched, status, true, title(page, doc, rules.title()),
                text(page, doc, rules.text()), rules.links().check() ? links(doc, rules.links()) : List.of());
    }

    private static Document parse(Fetched fetched) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(fetched.body()),
                    fetched.declaredCharset() == null ? null : fetched.declaredCharset().name(),
                    fetched.finalUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + fetched.finalUri(), e);
        }
    }

    private static Optional<String> title(ListedPage page, Document doc, PagesSection.Title rules) {
        Element element = doc.selectFirst(rules.selector());
        String expected = TitleMatch.expected(page.title(), rules);
        if (element == null) {
            return Optional.of("title: no element matches '" + rules.selector() + "' (expected '" + expected + "')");
        }
        String shown = element.text();
        return TitleMatch.matches(page.title(), shown, rules) ? Optional.empty()
                : Optional.of("title: expected '" + expected + "', shown '" + shown + "'");
    }

    private static Optional<TextProblem> text(ListedPage page, Document doc, PagesSection.Text rules) {
        List<String> all = Words.of(page.text(), rules.markup(), rules.caseSensitive());
        List<String> expected = all.subList(0, Math.min(all.size(), rules.words()));
        if (expected.isEmpty() || rules.minFraction() == 0) {
            return Optional.empty();
        }
        Elements containers = doc.select(rules.selector());
        List<String> shown = Words.split(containers.text(), rules.caseSensitive());
        if (shown.size() > MAX_SHOWN_WORDS) {
            shown = shown.subList(0, MAX_SHOWN_WORDS);
        }
        WordMatch match = rules.match() == PagesSection.Match.RUNS ? WordMatch.runs(expected, shown, rules.minRun())
                : WordMatch.of(expected, shown);
        if (match.fraction() + 1e-9 >= rules.minFraction() && match.changed() <= rules.maxChangedWords()) {
            return Optional.empty();
        }
        String shownExcerpt = containers.isEmpty() ? "(no element matches '" + rules.selector() + "')"
                : excerpt(shown, match.shownAt(), -1);
        return Optional.of(new TextProblem(match, excerpt(expected, match.firstMissing(), match.firstMissing()),
                shownExcerpt));
    }

    /** Up to {@link #EXCERPT_WORDS} words from a few before {@code at}, the word at {@code mark} in brackets. */
    static String excerpt(List<String> words, int at, int mark) {
        int from = Math.max(0, at - 6);
        int to = Math.min(words.size(), from + EXCERPT_WORDS);
        StringBuilder sb = new StringBuilder(from > 0 ? "… " : "");
        for (int i = from; i < to; i++) {
            sb.append(i == mark ? "[" + words.get(i) + "]" : words.get(i)).append(i + 1 < to ? " " : "");
        }
        return sb.append(to < words.size() ? " …" : "").toString();
    }

    private static List<URI> links(Document doc, PagesSection.Links rules) {
        List<URI> links = new ArrayList<>();
        for (Element a : doc.select(rules.selector())) {
            String href = a.absUrl("href");
            if (href.isEmpty()) {
                continue;
            }
            try {
                links.add(new URI(href.replace(" ", "%20")));
            } catch (java.net.URISyntaxException e) {
                // Not a URL a browser could follow either; jsoup already dropped the hopeless ones.
            }
        }
        return links;
    }
}
