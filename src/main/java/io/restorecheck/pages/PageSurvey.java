package io.restorecheck.pages;

import io.restorecheck.config.PagesSection;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.report.Progress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Checks a site's pages against its database: lists them (a seeded sample plus the most recently edited), fetches
 * each once with bounded parallelism under a rate cap, inspects it with jsoup, then fetches each internal link
 * target once. The outcome is a {@link PageSurveyResult} holding the three checks.
 */
public final class PageSurvey {
    /** HTML kept for the report from pages that passed, while links are still to be checked. */
    private static final long RETAINED_HTML_BYTES = 32L << 20;
    private static final long PROGRESS_EVERY_MS = 3_000;
    private static final int INSPECTORS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final SiteConfig site;
    private final PagesSection rules;
    private final Progress progress;
    private final AtomicLong retainedBytes = new AtomicLong();

    private PageSurvey(SiteConfig site, Progress progress) {
        this.site = site;
        this.rules = SiteConfigLoader.require(site, site.pages(), "pages");
        this.progress = progress;
    }

    /** Runs the survey; throws only when the pages cannot be listed (the checks are then broken). */
    public static PageSurveyResult run(SiteConfig site, Progress progress) {
        return new PageSurvey(site, progress).run();
    }

    private PageSurveyResult run() {
        long t0 = System.nanoTime();
        PageList.Listing listing = progress.step("pages: list from the database",
                () -> PageList.read(site.database(), rules),
                l -> l.pages().size() + " to check: " + l.sampled() + " sampled of " + l.listed() + " listed"
                        + (rules.recent() > 0 ? " + " + l.recent() + " most recently edited" : ""));
        double listSeconds = seconds(t0);
        try (Fetcher fetcher = new Fetcher(rules.concurrency(), rules.maxRate(), rules.requestTimeout())) {
            long t1 = System.nanoTime();
            List<Inspection> inspections = progress.step("pages: fetch and inspect", () -> inspect(fetcher, listing),
                    list -> list.size() + " pages, " + list.stream().filter(i -> !i.statusOk()).count()
                            + " failing status, " + list.stream().filter(i -> i.compared() && !i.contentOk()).count()
                            + " failing content");
            double pageSeconds = seconds(t1);
            int pageRequests = fetcher.requests();
            long t2 = System.nanoTime();
            LinkCheck links = rules.links().check()
                    ? progress.step("pages: links", () -> checkLinks(fetcher, inspections),
                            l -> l.fetched().size() + " targets fetched, " + l.failing().size() + " failing")
                    : LinkCheck.off();
            double linkSeconds = seconds(t2);
            return new PageSurveyResult(rules, listing, inspections, links, Map.of("list_seconds", listSeconds,
                    "seconds", pageSeconds, "links_seconds", linkSeconds, "requests", fetcher.requests(),
                    "page_requests", pageRequests));
        }
    }

    private List<Inspection> inspect(Fetcher fetcher, PageList.Listing listing) {
        ExecutorService inspectors = Executors.newFixedThreadPool(INSPECTORS, r -> {
            Thread t = new Thread(r, "pages-inspect");
            t.setDaemon(true);
            return t;
        });
        try {
            return inspect(fetcher, listing, inspectors);
        } finally {
            inspectors.shutdownNow();
        }
    }

    private List<Inspection> inspect(Fetcher fetcher, PageList.Listing listing, ExecutorService inspectors) {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failing = new AtomicInteger();
        List<CompletableFuture<Inspection>> futures = new ArrayList<>();
        for (ListedPage page : listing.pages()) {
            URI uri = site.site().pageUrl(page.title());
            // Inspect off the fetch threads: a fetch slot is free again as soon as the body is read.
            futures.add(fetcher.submit(uri).thenApplyAsync(f -> {
                Inspection i = inspectOne(page, f);
                done.incrementAndGet();
                if (!i.statusOk() || !i.contentOk()) {
                    failing.incrementAndGet();
                    return i;
                }
                return retain(i);
            }, inspectors));
        }
        await(futures, n -> "pages: " + done.get() + "/" + n + " fetched, " + failing.get() + " failing");
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** One page's inspection; an answer jsoup cannot read fails the page instead of the whole survey. */
    private Inspection inspectOne(ListedPage page, Fetched fetched) {
        try {
            return Inspection.of(page, fetched, rules);
        } catch (RuntimeException e) {
            return new Inspection(page, fetched, List.of("unreadable answer (" + fetched.outcome() + "): " + e),
                    false, java.util.Optional.empty(), java.util.Optional.empty(), List.of());
        }
    }

    /** Keeps a passing page's HTML while the budget lasts (links may show it to be the page with a dead link). */
    private Inspection retain(Inspection i) {
        if (retainedBytes.addAndGet(i.fetched().body().length) <= RETAINED_HTML_BYTES) {
            return i;
        }
        Fetched f = i.fetched();
        return new Inspection(i.page(), new Fetched(f.uri(), f.finalUri(), f.status(), f.contentType(), new byte[0],
                f.error(), f.nanos()), i.statusProblems(), i.compared(), i.titleProblem(), i.textProblem(), i.links());
    }

    private LinkCheck checkLinks(Fetcher fetcher, List<Inspection> inspections) {
        URI base = site.site().baseUrl();
        LinkTargets targets = new LinkTargets(base, rules.links().exclude());
        Map<String, Fetched> known = new HashMap<>();
        for (Inspection i : inspections) {
            targets.add(i.page().title(), i.links());
            LinkTargets.key(i.fetched().uri(), base).ifPresent(k -> known.put(k, i.fetched()));
        }
        List<LinkCheck.Checked> checked = new ArrayList<>();
        List<CompletableFuture<LinkCheck.Checked>> futures = new ArrayList<>();
        int notFetched = 0;
        int newTargets = 0;
        for (Map.Entry<String, LinkTargets.Target> e : targets.targets().entrySet()) {
            Fetched page = known.get(e.getKey());
            if (page != null) {
                checked.add(new LinkCheck.Checked(e.getValue(), page));
            } else if (newTargets < rules.links().maxTargets()) {
                newTargets++;
                LinkTargets.Target target = e.getValue();
                futures.add(fetcher.submit(target.uri).thenApply(f -> new LinkCheck.Checked(target, f)));
            } else {
                notFetched++;
            }
        }
        await(futures, n -> "links: " + futures.stream().filter(CompletableFuture::isDone).count() + "/" + n
                + " targets fetched");
        futures.forEach(f -> checked.add(f.join()));
        return new LinkCheck(checked, notFetched, targets.excluded(), targets.external(), inspections);
    }

    private <T> void await(List<CompletableFuture<T>> futures, Function<Integer, String> status) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]));
        while (true) {
            try {
                all.get(PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                progress.note(status.apply(futures.size()));
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching pages", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("fetching pages failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
