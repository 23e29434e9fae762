package io.restorecheck.siteinit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * CSS selectors guessed from fetched pages: the element whose text is the page's title, and the smallest element
 * holding (nearly) all of the page's text. A selector is only proposed when it finds the right element on the pages
 * it was tried on; the evidence says on how many.
 */
final class Selectors {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern PLAIN_NAME = Pattern.compile("-?[_a-zA-Z][_a-zA-Z0-9-]*");
    private static final Pattern TITLE_SEPARATORS = Pattern.compile("\\s+[-|\u2013\u2014:\u00b7]+\\s+");
    /** Share of the database text's words the content element must hold. */
    static final double CONTENT_RECALL = 0.9;

    /** A page with what the database (or, without one, the {@code <title>}) says it shows. */
    record Sample(Document doc, String title, Optional<String> text) {
    }

    /** A proposed selector, with how many sampled pages it was right on. */
    record Proposal(String selector, int right, int tried, String evidence) {
    }

    private Selectors() {
    }

    /** The title candidates a {@code <title>} offers: the whole text and each part between separators. */
    static List<String> titleStems(String headTitle) {
        List<String> out = new ArrayList<>();
        String t = collapse(headTitle);
        if (!t.isEmpty()) {
            out.add(t);
        }
        for (String part : TITLE_SEPARATORS.split(t)) {
            if (!part.isBlank() && !out.contains(part.trim())) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** Without database titles: each page's {@code <title>} stem that some element of its body shows. */
    static List<Sample> fromHeadTitles(List<Document> docs) {
        List<Sample> out = new ArrayList<>();
        for (Document doc : docs) {
            for (String stem : titleStems(doc.title())) {
                if (deepestWithText(doc.body(), stem) != null) {
                    out.add(new Sample(doc, stem, Optional.empty()));
                    break;
                }
            }
        }
        return out;
    }

    static Optional<Proposal> title(List<Sample> samples) {
        List<String> candidates = new ArrayList<>();
        for (Sample s : samples) {
            for (Element e : withText(s.doc().body(), s.title())) {
                for (String selector : selectorsFor(e)) {
                    if (!candidates.contains(selector)) {
                        candidates.add(selector);
                    }
                }
            }
        }
        Proposal best = null;
        for (String selector : candidates) {
            int right = 0;
            for (Sample s : samples) {
                Element first = s.doc().selectFirst(selector);
                if (first != null && collapse(first.text()).equals(collapse(s.title()))) {
                    right++;
                }
            }
            // Most pages right wins; among equals an element's own id beats a class or a path (it survives
            // layout changes), and otherwise the first in the document (the heading before any repetition).
            if (best == null || right > best.right() || (right == best.right() && ownId(selector)
                    && !ownId(best.selector()))) {
                best = new Proposal(selector, right, samples.size(), "on " + right + " of " + samples.size()
                        + " sampled pages its text is the page's title" + (candidates.size() > 1 ? " (also tried: "
                        + String.join(", ", candidates.stream().filter(c -> !c.equals(selector)).limit(4).toList())
                        + ")" : ""));
            }
        }
        return Optional.ofNullable(best).filter(p -> p.right() > 0);
    }

    private static boolean ownId(String selector) {
        return selector.contains("#") && !selector.contains(" ");
    }

    /** Every element under {@code root} whose whole text is {@code text}, in document order. */
    static List<Element> withText(Element root, String text) {
        String want = collapse(text);
        return root.getAllElements().stream().filter(e -> collapse(e.text()).equals(want)).toList();
    }

    static Optional<Proposal> content(List<Sample> samples, int words) {
        List<Sample> withText = samples.stream().filter(s -> s.text().isPresent()
                && !words(s.text().get(), words).isEmpty()).toList();
        if (withText.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> candidates = new LinkedHashMap<>();
        for (Sample s : withText) {
            List<String> expected = words(s.text().get(), words);
            Element smallest = null;
            int smallestSize = Integer.MAX_VALUE;
            for (Element e : s.doc().body().getAllElements()) {
                List<String> shown = words(e.text(), Integer.MAX_VALUE);
                if (shown.size() < smallestSize && recall(expected, shown) >= CONTENT_RECALL) {
                    smallest = e;
                    smallestSize = shown.size();
                }
            }
            if (smallest != null) {
                for (String selector : selectorsFor(smallest)) {
                    candidates.merge(selector, 1, Integer::sum);
                }
            }
        }
        Proposal best = null;
        long bestSize = Long.MAX_VALUE;
        for (String selector : candidates.keySet()) {
            int right = 0;
            long size = 0;
            for (Sample s : withText) {
                Element first = s.doc().selectFirst(selector);
                if (first != null) {
                    List<String> shown = words(first.text(), Integer.MAX_VALUE);
                    if (recall(words(s.text().get(), words), shown) >= CONTENT_RECALL) {
                        right++;
                        size += shown.size();
                    }
                }
            }
            if (best == null || right > best.right() || (right == best.right() && size < bestSize)) {
                best = new Proposal(selector, right, withText.size(), "on " + right + " of " + withText.size()
                        + " sampled pages it holds at least " + Math.round(CONTENT_RECALL * 100) + "% of the first "
                        + words + " words of the database text, and is the smallest element that does");
                bestSize = size;
            }
        }
        return Optional.ofNullable(best).filter(p -> p.right() == p.tried());
    }

    /** The deepest element under {@code root} whose whole text is {@code text}, or null. */
    static Element deepestWithText(Element root, String text) {
        String want = collapse(text);
        Element found = null;
        for (Element e : root.getAllElements()) { // document order: descendants come after their ancestors
            if (collapse(e.text()).equals(want)) {
                found = e;
            }
        }
        return found;
    }

    /**
     * Selectors for an element, most stable first: its own id, its tag and classes, the nearest ancestor with an id
     * and the tag, then jsoup's structural path. Only those that find this very element first are kept.
     */
    static List<String> selectorsFor(Element e) {
        List<String> out = new ArrayList<>();
        Document doc = e.ownerDocument();
        for (Element at = e; at != null && !at.tagName().equals("body") && !at.tagName().equals("#root");
             at = at.parent()) {
            String own = own(at);
            if (own == null) {
                continue;
            }
            String selector = at == e ? own : own + " " + e.tagName();
            if (doc != null && doc.selectFirst(selector) == e && !out.contains(selector)) {
                out.add(selector);
            }
            if (at.id().isEmpty()) {
                continue;
            }
            break; // an id is as close as the path gets
        }
        if (out.isEmpty() && doc != null) {
            out.add(e.tagName().equals("body") ? "body" : e.cssSelector());
        }
        return out;
    }

    /** An element's own selector: tag#id, tag.class..., or null when it has neither. */
    private static String own(Element e) {
        if (!e.id().isEmpty() && PLAIN_NAME.matcher(e.id()).matches()) {
            return e.tagName() + "#" + e.id();
        }
        List<String> classes = e.classNames().stream().filter(c -> PLAIN_NAME.matcher(c).matches()).toList();
        return classes.isEmpty() ? null : e.tagName() + "." + String.join(".", classes);
    }

    /** Lower-case words of a text, at most {@code limit}. */
    static List<String> words(String text, int limit) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = WORD.matcher(text);
        while (m.find() && out.size() < limit) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The share of expected words (with multiplicity) that the shown words hold. */
    static double recall(List<String> expected, List<String> shown) {
        if (expected.isEmpty()) {
            return 0;
        }
        Map<String, Integer> have = new java.util.HashMap<>();
        shown.forEach(w -> have.merge(w, 1, Integer::sum));
        int hit = 0;
        for (String w : expected) {
            Integer n = have.get(w);
            if (n != null && n > 0) {
                hit++;
                have.put(w, n - 1);
            }
        }
        return hit / (double) expected.size();
    }

    static String collapse(String s) {
        return s == null ? "" : s.replace('\u00a0', ' ').trim().replaceAll("\\s+", " ");
    }
}
