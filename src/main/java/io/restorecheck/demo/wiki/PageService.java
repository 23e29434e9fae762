package io.restorecheck.demo.wiki;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the wiki answers, independent of HTTP: page views through the cache, raw text,
 * Recent Changes, and edits that invalidate the cache.
 */
final class PageService {
    static final int SIDEBAR_EDITS = 10;
    static final int RECENT_CHANGES_EDITS = 50;

    /** A response ready to send; {@code cache} is "hit", "miss" or null when no cache is involved. */
    record Response(int status, String contentType, String body, String cache) {
        static Response html(int status, String body, String cache) {
            return new Response(status, "text/html; charset=utf-8", body, cache);
        }

        static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=utf-8", body, null);
        }
    }

    private final Pools pools;
    /** How many "what links here" entries a page shows. */
    private static final int BACKLINKS = 20;
    private final PageCache cache;
    private final int cacheExpirySeconds;
    private final String brokenPageName;

    PageService(Pools pools, PageCache cache, int cacheExpirySeconds, String brokenPage) {
        this.pools = pools;
        this.cache = cache;
        this.cacheExpirySeconds = cacheExpirySeconds;
        this.brokenPageName = brokenPage == null ? null : Titles.name(brokenPage);
    }

    Response view(String title) throws SQLException {
        String name = Titles.name(title);
        if (name.equals(brokenPageName)) {
            throw new IllegalStateException("rendering page '" + title + "' failed: template error in section 2"
                    + " (injected by the brokenPage option)");
        }
        String key = Titles.cacheKey(title);
        String cached = cache.get(key);
        if (cached != null) {
            return Response.html(200, cached, "hit");
        }
        Pages.Page page;
        Set<String> existing;
        List<Pages.Edit> recent;
        List<String> backlinks;
        int revisions;
        // The queries a real wiki runs per uncached view: the page, its links, the sidebar, the history.
        try (Connection c = pools.read()) {
            Optional<Pages.Page> found = Pages.current(c, name);
            if (found.isEmpty()) {
                return Response.html(404, Html.notFound(title), "miss");
            }
            page = found.get();
            existing = Pages.existing(c, Markup.linkTargets(page.text()).stream().map(Titles::name)
                    .collect(Collectors.toList()));
            recent = Pages.recent(c, SIDEBAR_EDITS);
            revisions = Pages.revisions(c, name);
            backlinks = Pages.backlinks(c, page.title(), BACKLINKS);
        }
        String html = Html.page(page, Markup.render(page.text(), existing::contains), revisions, recent, backlinks);
        cache.set(key, cacheExpirySeconds, html);
        return Response.html(200, html, "miss");
    }

    Response raw(String title) throws SQLException {
        try (Connection c = pools.read()) {
            return Pages.current(c, Titles.name(title)).map(p -> Response.text(200, p.text()))
                    .orElseGet(() -> Response.text(404, "no page named '" + title + "'\n"));
        }
    }

    Response recentChanges() throws SQLException {
        String cached = cache.get(Titles.RECENT_CHANGES_KEY);
        if (cached != null) {
            return Response.html(200, cached, "hit");
        }
        String html;
        try (Connection c = pools.read()) {
            html = Html.recentChanges(Pages.recent(c, RECENT_CHANGES_EDITS));
        }
        cache.set(Titles.RECENT_CHANGES_KEY, cacheExpirySeconds, html);
        return Response.html(200, html, "miss");
    }

    Response editForm(String title) throws SQLException {
        try (Connection c = pools.read()) {
            String text = Pages.current(c, Titles.name(title)).map(Pages.Page::text).orElse("");
            return Response.html(200, Html.editForm(title, text), null);
        }
    }

    Response edit(String title, String text, String user, String comment, String clientIp) throws SQLException {
        if (Titles.name(title).length() > Pages.MAX_NAME_CHARS) {
            return Response.text(400, "a page title has at most " + Pages.MAX_NAME_CHARS + " characters\n");
        }
        Pages.Saved saved;
        try (Connection c = pools.write()) {
            saved = Pages.save(c, title, text, user, comment, clientIp);
        }
        // Invalidate after the commit: a view between commit and delete may still re-cache the old HTML
        // only if it read before the commit, the race every delete-on-write cache accepts.
        cache.delete(Titles.cacheKey(title));
        cache.delete(Titles.RECENT_CHANGES_KEY);
        return Response.text(200, "saved\ntitle=" + saved.title() + "\neditTime=" + saved.editTime()
                + "\nrevision=" + saved.revision() + "\ncreated=" + saved.created() + "\n");
    }

    Response health() {
        String db;
        try (Connection c = pools.read()) {
            db = c.isValid(2) ? "up" : "down";
        } catch (SQLException e) {
            db = "down (" + e.getMessage() + ")";
        }
        cache.get("wiki:health");
        return Response.text(200, "ok\ndb=" + db + "\ncache=" + cache.state() + "\n");
    }
}
