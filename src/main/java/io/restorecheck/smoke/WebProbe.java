package io.restorecheck.smoke;

import io.restorecheck.config.CacheSection;
import io.restorecheck.config.PagesSection;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.pages.TitleCheck;
import io.restorecheck.report.CheckResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code smoke.site} and {@code smoke.cache} from three GETs: the base URL, then one listed page twice between two
 * readings of memcached's {@code stats}. The site answers 200 with the database's title; and the site uses its
 * cache when some configured server counted gets while the page was fetched (a site pointed at the wrong port
 * counts none: the classic slow restore, found in seconds).
 */
final class WebProbe {
    static final String SITE = "smoke.site";
    static final String CACHE = "smoke.cache";

    private final HttpClient http;
    private final Duration timeout;

    WebProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    record Answer(URI uri, int status, String body, String error, long millis) {
        boolean answered() {
            return error == null;
        }

        String describe() {
            return (answered() ? uri + " answered " + status : uri + " did not answer: " + error) + " (" + millis
                    + " ms)";
        }
    }

    /**
     * @param page         the database title of the page to fetch, when the database listed one
     * @param noPageReason why there is no page, when there is none
     */
    List<CheckResult> probe(SiteConfig site, Optional<String> page, String noPageReason) {
        return probe(site, start(site), page, noPageReason);
    }

    /** The base URL's answer and memcached's counters before the page is fetched. */
    record Start(Answer base, Map<String, Reading> before) {
    }

    /** The part that needs no page from the database, so it can run while the database is asked. */
    Start start(SiteConfig site) {
        Answer base = get(site.site().baseUrl());
        return new Start(base, site.cache().map(c -> read(c.servers())).orElse(Map.of()));
    }

    List<CheckResult> probe(SiteConfig site, Start start, Optional<String> page, String noPageReason) {
        Answer base = start.base();
        Optional<CacheSection> cache = site.cache();
        Map<String, Reading> before = start.before();
        // Without a listed page the base URL is fetched again: a cached front page shows the cache at work too.
        URI twice = page.map(t -> site.site().pageUrl(t)).orElse(site.site().baseUrl());
        Answer first = page.isPresent() ? get(twice) : base;
        Answer second = get(twice);
        Map<String, Reading> after = cache.map(c -> read(c.servers())).orElse(Map.of());
        return List.of(site(site, base, page, first, noPageReason), cache(cache, before, after, first, second));
    }

    private CheckResult site(SiteConfig site, Answer base, Optional<String> page, Answer first, String noPageReason) {
        List<String> problems = new ArrayList<>();
        if (!base.answered() || base.status != 200) {
            problems.add("the base URL " + base.describe());
        }
        if (page.isEmpty()) {
            String what = "base URL " + base.describe() + "; no listed page compared: " + noPageReason;
            if (!problems.isEmpty()) {
                return CheckResult.failed(SITE, "down", "200", null, "the site is down: " + String.join("; ",
                        problems) + (noPageReason.contains("database") ? "; " + noPageReason : ""));
            }
            // Without the database no title can be compared: not evidence of a healthy site.
            return noPageReason.contains("database") ? CheckResult.broken(SITE, what)
                    : CheckResult.passed(SITE, 200, 200, null, what);
        }
        PagesSection.Title rules = site.pages().map(PagesSection::title).orElse(PagesSection.Title.DEFAULT);
        if (!first.answered() || first.status != 200) {
            problems.add("the listed page '" + page.get() + "': " + first.describe());
        } else {
            TitleCheck.problem(page.get(), first.body, first.uri.toString(), rules)
                    .ifPresent(p -> problems.add("the listed page " + first.uri + ": " + p));
        }
        String facts = "base URL " + base.describe() + "; page " + first.describe() + " with the title '"
                + page.get() + "' as in the database";
        if (problems.isEmpty()) {
            return CheckResult.passed(SITE, 200, 200, null, facts);
        }
        return CheckResult.failed(SITE, base.answered() ? base.status : "down", 200, null, "the site does not "
                + "answer right: " + String.join("; ", problems));
    }

    private static CheckResult cache(Optional<CacheSection> cache, Map<String, Reading> before,
                                     Map<String, Reading> after, Answer first, Answer second) {
        if (cache.isEmpty()) {
            return CheckResult.skipped(CACHE, "the site config has no cache { servers = [...] } section");
        }
        List<String> down = new ArrayList<>();
        for (String server : cache.get().servers()) {
            Reading r = after.get(server).error != null ? after.get(server) : before.get(server);
            if (r.error != null) {
                down.add("memcached " + server + " does not answer: " + r.error);
            }
        }
        if (!down.isEmpty()) {
            return CheckResult.failed(CACHE, "down", "up", null, String.join("; ", down));
        }
        if (!first.answered() || !second.answered()) {
            return CheckResult.failed(CACHE, "unknown", "used", null, "memcached answers, but the site did not ("
                    + (first.answered() ? second : first).describe() + "), so whether it uses the cache is unknown");
        }
        long gets = 0;
        List<String> deltas = new ArrayList<>();
        for (String server : cache.get().servers()) {
            long cmdGet = after.get(server).cmdGet - before.get(server).cmdGet;
            long hits = after.get(server).getHits - before.get(server).getHits;
            gets += Math.max(0, cmdGet);
            deltas.add(server + ": cmd_get +" + cmdGet + ", get_hits +" + hits);
        }
        String fetched = first.uri + " fetched twice (" + first.status + ", " + second.status + "): "
                + String.join("; ", deltas);
        if (gets > 0) {
            return CheckResult.passed(CACHE, gets, 1, "gets", "the site uses the cache: " + fetched);
        }
        return CheckResult.failed(CACHE, 0, 1, "gets", "the site is not using this cache: " + fetched
                + ". memcached answers, but no configured server counted a get: the site's own cache setting "
                + "names another host or port (or caching is off there)");
    }

    private record Reading(long cmdGet, long getHits, String error) {
    }

    private Map<String, Reading> read(List<String> servers) {
        Map<String, Reading> readings = new LinkedHashMap<>();
        for (String server : servers) {
            try {
                Map<String, String> stats = MemcachedText.stats(server, timeout);
                readings.put(server, new Reading(MemcachedText.counter(stats, "cmd_get"),
                        MemcachedText.counter(stats, "get_hits"), null));
            } catch (IOException | RuntimeException e) {
                readings.put(server, new Reading(0, 0, Messages.of(e)));
            }
        }
        return readings;
    }

    Answer get(URI uri) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("User-Agent", "restorecheck-smoke").build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(uri, response.statusCode(), response.body(), null, (System.nanoTime() - t0) / 1_000_000);
        } catch (HttpTimeoutException e) {
            return new Answer(uri, 0, "", "timed out after " + timeout.toMillis() + " ms",
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            return new Answer(uri, 0, "", Messages.of(e), (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(uri, 0, "", "interrupted", (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
