package io.restorecheck.siteinit;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Links on every sampled page belong to the skin, not the content: a query parameter carried by links on every
 * page (?action=edit on each page's own path) names an action, not a page; a fixed link on every page that is not
 * one of the site's pages (a special page, a login) is navigation. Both are proposed as excludes.
 */
final class LinkExcludes {
    /** One exclude pattern and why. */
    record Exclude(String regex, String evidence) {
    }

    /** The proposals, and the every-page links kept because they are pages themselves. */
    record Result(List<Exclude> excludes, List<String> keptPages) {
    }

    private LinkExcludes() {
    }

    /**
     * @param isPage whether a site path (relative to the base) names a page of the page list
     */
    static Result of(List<Document> pages, URI baseUrl, Predicate<String> isPage) {
        if (pages.size() < 2) {
            return new Result(List.of(), List.of());
        }
        List<Set<String>> fixed = new ArrayList<>();
        List<Set<String>> params = new ArrayList<>();
        Map<String, Set<String>> valuesOf = new LinkedHashMap<>();
        for (Document doc : pages) {
            Set<String> links = new LinkedHashSet<>();
            Set<String> keys = new LinkedHashSet<>();
            for (Element a : doc.select("a[href]")) {
                URI target;
                try {
                    target = URI.create(a.absUrl("href"));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (!SiteSurvey.sameSite(target, baseUrl)) {
                    continue;
                }
                String pathAndQuery = (target.getRawPath() == null ? "" : target.getRawPath())
                        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
                links.add(pathAndQuery);
                if (target.getRawQuery() != null) {
                    for (String pair : target.getRawQuery().split("&")) {
                        String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                        keys.add(key);
                        valuesOf.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(pair);
                    }
                }
            }
            fixed.add(links);
            params.add(keys);
        }
        List<Exclude> out = new ArrayList<>();
        Set<String> everyKey = new LinkedHashSet<>(params.get(0));
        params.forEach(everyKey::retainAll);
        for (String key : everyKey) {
            out.add(new Exclude("[?&]" + regexQuote(key) + "=", "links with ?" + String.join(", ?",
                    valuesOf.get(key)) + " are on all " + pages.size() + " sampled pages: actions on the page, "
                    + "not pages"));
        }
        Set<String> everyLink = new LinkedHashSet<>(fixed.get(0));
        fixed.forEach(everyLink::retainAll);
        List<String> kept = new ArrayList<>();
        for (String link : everyLink) {
            if (link.contains("?") || link.equals("/") || link.isEmpty()) {
                continue; // covered by a parameter exclude, or the start page
            }
            if (isPage.test(link)) {
                kept.add(link);
            } else {
                out.add(new Exclude("^" + regexQuote(link) + "$", "on all " + pages.size() + " sampled pages and "
                        + "not one of the listed pages: the skin's navigation"));
            }
        }
        return new Result(out, kept);
    }

    static String regexQuote(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if ("\\.[]{}()*+?^$|".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
