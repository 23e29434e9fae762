package io.restorecheck.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The site's own link targets found on the checked pages, each once, with the pages that link to it. A link is
 * the site's own when it has the base URL's scheme, host and port and lies under its path; fragments are
 * dropped, and the configured exclude patterns (searched in path and query) leave links out.
 */
final class LinkTargets {
    /** A target to fetch once, and the first few pages that link to it. */
    static final class Target {
        static final int MAX_FROM = 5;
        final URI uri;
        final List<String> from = new ArrayList<>();
        int linkingPages;

        Target(URI uri) {
            this.uri = uri;
        }
    }

    private final URI base;
    private final List<Pattern> exclude;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private int excluded;
    private int external;

    LinkTargets(URI base, List<Pattern> exclude) {
        this.base = base;
        this.exclude = exclude;
    }

    void add(String fromTitle, List<URI> links) {
        java.util.Set<String> seenOnPage = new java.util.HashSet<>();
        for (URI link : links) {
            Optional<String> key = key(link, base);
            if (key.isEmpty()) {
                external++;
                continue;
            }
            String pathAndQuery = (link.getRawPath() == null ? "" : link.getRawPath())
                    + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
            if (exclude.stream().anyMatch(p -> p.matcher(pathAndQuery).find())) {
                excluded++;
                continue;
            }
            Target t = targets.computeIfAbsent(key.get(), k -> new Target(withoutFragment(link)));
            if (seenOnPage.add(key.get())) {
                t.linkingPages++;
                if (t.from.size() < Target.MAX_FROM) {
                    t.from.add(fromTitle);
                }
            }
        }
    }

    Map<String, Target> targets() {
        return targets;
    }

    int excluded() {
        return excluded;
    }

    int external() {
        return external;
    }

    /** The identity of an internal URL (scheme, host, port, decoded path, raw query), or empty when external. */
    static Optional<String> key(URI link, URI base) {
        if (link.getScheme() == null || link.getHost() == null
                || !link.getScheme().equalsIgnoreCase(base.getScheme())
                || !link.getHost().equalsIgnoreCase(base.getHost()) || port(link) != port(base)) {
            return Optional.empty();
        }
        String basePath = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        String path = link.getPath() == null || link.getPath().isEmpty() ? "/" : link.getPath();
        if (!path.startsWith(basePath + "/") && !path.equals(basePath)) {
            return Optional.empty();
        }
        return Optional.of(link.getScheme().toLowerCase(Locale.ROOT) + "://" + link.getHost().toLowerCase(Locale.ROOT)
                + ":" + port(link) + path + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery()));
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static URI withoutFragment(URI link) {
        String s = link.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? link : URI.create(s.substring(0, hash));
    }
}
