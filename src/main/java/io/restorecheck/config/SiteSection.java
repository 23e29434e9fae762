package io.restorecheck.config;

import java.net.URI;

/** Where the site answers, and how a page name becomes a path ({@code {name}} is replaced). */
public record SiteSection(URI baseUrl, String pagePath) {
    /** The absolute URL of a page, spaces as underscores as wikis do. */
    public URI pageUrl(String pageName) {
        String encoded = java.net.URLEncoder.encode(pageName.replace(' ', '_'), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1)
                : baseUrl.toString();
        return URI.create(base + pagePath.replace("{name}", encoded));
    }
}
