package io.restorecheck.siteinit;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A few pages of the live site, fetched one at a time: the start page, then pages its links lead to under the
 * most common folder (which gives {@code page-path}). Everything the selectors and link excludes are guessed from.
 */
final class SiteSurvey {
    /** Pages fetched besides the start page: enough to tell the skin from the content, few enough to be polite. */
    static final int PAGES = 6;

    /** A fetched page: its URL, the page name its path carries (null for the start page), and its document. */
    record Page(URI uri, String name, Document doc, Http.Got got) {
    }

    /**
     * @param pagePath the site's page path template, e.g. "/{name}" or "/wiki/{name}"
     */
    record Shape(URI baseUrl, String pagePath, List<Page> pages, List<String> linkedNames, String evidence) {
        Shape {
            pages = List.copyOf(pages);
            linkedNames = List.copyOf(linkedNames);
        }
    }

    private SiteSurvey() {
    }

    static Shape survey(URI baseUrl, Http http) throws IOException {
        Http.Got start = http.get(baseUrl);
        if (start.status() != 200) {
            throw new IOException("the site answered " + start.status() + " for " + baseUrl);
        }
        String basePath = stripSlash(baseUrl.getPath() == null ? "" : baseUrl.getPath());
        Document startDoc = Jsoup.parse(start.body(), start.uri().toString());
        List<String> paths = internalPaths(startDoc, baseUrl, basePath);
        // The folder most links point into is where pages live; the start page's own path counts too.
        Map<String, Integer> folders = new LinkedHashMap<>();
        for (String p : withStart(paths, start.uri(), basePath)) {
            folders.merge(folder(p), 1, Integer::sum);
        }
        String folder = folders.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse("/");
        List<Page> pages = new ArrayList<>();
        String startRelative = relative(start.uri(), basePath);
        pages.add(new Page(start.uri(), startRelative != null && folder(startRelative).equals(folder)
                ? name(startRelative, folder) : null, startDoc, start));
        Set<String> names = new LinkedHashSet<>();
        for (String p : paths) {
            if (folder(p).equals(folder) && p.length() > folder.length()) {
                names.add(name(p, folder));
            }
        }
        for (String name : names) {
            if (pages.size() > PAGES) {
                break;
            }
            if (pages.stream().anyMatch(pg -> name.equals(pg.name()))) {
                continue;
            }
            URI uri = URI.create(origin(baseUrl) + basePath + folder + encode(name));
            Http.Got got = http.get(uri);
            if (got.status() == 200) {
                pages.add(new Page(got.uri(), name, Jsoup.parse(got.body(), got.uri().toString()), got));
            }
        }
        String evidence = folders.getOrDefault(folder, 0) + " of " + withStart(paths, start.uri(), basePath).size()
                + " links on the start page (and its own path) lead into " + (basePath + folder) + (folders.size() > 1 ? " (other folders: " + folders.keySet().stream()
                .filter(f -> !f.equals(folder)).limit(5).toList() + ")" : "");
        return new Shape(baseUrl, folder + "{name}", pages, List.copyOf(names), evidence);
    }

    /** Paths (relative to the base path, without query) of the page's links that stay on the site. */
    static List<String> internalPaths(Document doc, URI baseUrl, String basePath) {
        List<String> out = new ArrayList<>();
        for (Element a : doc.select("a[href]")) {
            URI target;
            try {
                target = URI.create(a.absUrl("href"));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!sameSite(target, baseUrl) || target.getRawQuery() != null) {
                continue;
            }
            String rel = relative(target, basePath);
            if (rel != null && !out.contains(rel)) {
                out.add(rel);
            }
        }
        return out;
    }

    static boolean sameSite(URI target, URI baseUrl) {
        return target.getHost() != null && target.getHost().equalsIgnoreCase(baseUrl.getHost())
                && port(target) == port(baseUrl) && scheme(target).equals(scheme(baseUrl));
    }

    private static List<String> withStart(List<String> paths, URI start, String basePath) {
        List<String> all = new ArrayList<>(paths);
        String rel = relative(start, basePath);
        if (rel != null && rel.length() > 1) {
            all.add(rel);
        }
        return all;
    }

    private static String relative(URI uri, String basePath) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.startsWith(basePath + "/")) {
            return null;
        }
        return path.substring(basePath.length());
    }

    private static String folder(String relativePath) {
        return relativePath.substring(0, relativePath.lastIndexOf('/') + 1);
    }

    /** The page name a path carries: decoded, as the site spells it in URLs (underscores kept). */
    private static String name(String relativePath, String folder) {
        return URLDecoder.decode(relativePath.substring(folder.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String name) {
        return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String origin(URI uri) {
        return scheme(uri) + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme(uri)) ? 443 : 80;
    }
}
