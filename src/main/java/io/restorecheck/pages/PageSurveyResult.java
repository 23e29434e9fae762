package io.restorecheck.pages;

import io.restorecheck.config.PagesSection;
import io.restorecheck.report.CheckResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The outcome of a {@link PageSurvey}: the checks {@code pages.status}, {@code pages.content} and
 * {@code pages.links}, each naming its first failing pages, the metrics, and a few failing pages' HTML for the
 * report.
 */
public final class PageSurveyResult {
    /** Failing pages or targets named in a message; the total is always given. */
    public static final int NAMED = 20;
    /** Failing pages whose HTML is attached to the report, per check. */
    public static final int ATTACHED = 3;

    /** Evidence to attach to the report. */
    public record Attachment(String name, String type, String content, String extension) {
    }

    private final PagesSection rules;
    private final PageList.Listing listing;
    private final List<Inspection> inspections;
    private final LinkCheck links;
    private final Map<String, Object> timings;

    PageSurveyResult(PagesSection rules, PageList.Listing listing, List<Inspection> inspections, LinkCheck links,
                     Map<String, Object> timings) {
        this.rules = rules;
        this.listing = listing;
        this.inspections = inspections;
        this.links = links;
        this.timings = timings;
    }

    public CheckResult status() {
        List<Inspection> failing = inspections.stream().filter(i -> !i.statusOk()).toList();
        int n = inspections.size();
        if (n == 0) {
            return nothingChecked("pages.status");
        }
        if (failing.isEmpty()) {
            return CheckResult.passed("pages.status", 0, 0, "pages", "all " + n + " pages answered 200 "
                    + String.join(" or ", rules.contentTypes()) + " without error markers (" + sampleDescription()
                    + ")");
        }
        return CheckResult.failed("pages.status", failing.size(), 0, "pages", failing.size() + " of " + n
                + " pages failed: " + named(failing, i -> name(i) + ": " + String.join(", ", i.statusProblems()))
                + " (" + sampleDescription() + ")");
    }

    public CheckResult content() {
        List<Inspection> compared = inspections.stream().filter(Inspection::compared).toList();
        List<Inspection> failing = compared.stream().filter(i -> !i.contentOk()).toList();
        int notCompared = inspections.size() - compared.size();
        String aside = notCompared == 0 ? "" : "; " + notCompared + " page" + (notCompared == 1 ? "" : "s")
                + " not compared (no 200 " + String.join("/", rules.contentTypes()) + " answer, see pages.status)";
        if (inspections.isEmpty()) {
            return nothingChecked("pages.content");
        }
        if (compared.isEmpty()) {
            return CheckResult.failed("pages.content", inspections.size(), 0, "pages", "no page could be compared:"
                    + " none of the " + inspections.size() + " pages answered 200 " + String.join(" or ",
                    rules.contentTypes()) + " (see pages.status)");
        }
        String rule = "title element '" + rules.title().selector() + "' equal to the database title, and at least "
                + PageSurvey.percent(rules.text().minFraction()) + " of the first " + rules.text().words()
                + " words of column '" + rules.text().column() + "' " + howFound() + " in '"
                + rules.text().selector() + "'";
        if (failing.isEmpty()) {
            return CheckResult.passed("pages.content", 0, 0, "pages", "all " + compared.size()
                    + " pages compared show the database's current content: " + rule + aside);
        }
        return CheckResult.failed("pages.content", failing.size(), 0, "pages", failing.size() + " of "
                + compared.size() + " pages show other content than the database holds: "
                + named(failing, i -> name(i) + ": " + contentProblems(i)) + "; expected: " + rule + aside);
    }

    public CheckResult links() {
        if (!rules.links().check()) {
            return CheckResult.skipped("pages.links", "links.check = false in the site config");
        }
        List<LinkCheck.Checked> failing = links.failing();
        int n = links.fetched().size();
        String scope = "found on " + inspections.size() + " pages; " + links.excluded() + " links excluded by"
                + " links.exclude, " + links.external() + " to other sites"
                + (links.notFetched() == 0 ? "" : "; " + links.notFetched() + " targets beyond links.max-targets "
                + rules.links().maxTargets() + " not fetched");
        if (n == 0) {
            return CheckResult.skipped("pages.links", "no internal link target to check: " + (inspections.isEmpty()
                    ? "no page was checked" : "none found with links.selector '" + rules.links().selector() + "'")
                    + " (" + scope + ")");
        }
        if (failing.isEmpty()) {
            return CheckResult.passed("pages.links", 0, 0, "targets", "all " + n + " internal link targets resolve ("
                    + scope + ")");
        }
        return CheckResult.failed("pages.links", failing.size(), 0, "targets", failing.size() + " of " + n
                + " internal link targets failed: " + named(failing, c -> path(c.target().uri) + " → "
                + c.answer().outcome() + ", linked from " + linkedFrom(c.target())) + " (" + scope + ")");
    }

    /** No page to look at is no evidence that pages are right: broken, saying what the list query returned. */
    private CheckResult nothingChecked(String id) {
        return CheckResult.broken(id, "no page was checked: pages.list-query returned " + listing.listed()
                + " pages with a title (" + sampleDescription() + ")");
    }

    /** {@code metrics.pages}: counts, durations and the rate pages were checked at. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        double seconds = ((Number) timings.get("seconds")).doubleValue();
        m.put("listed", listing.listed());
        m.put("sampled", listing.sampled());
        m.put("recent", listing.recent());
        m.put("checked", inspections.size());
        m.put("failing_status", inspections.stream().filter(i -> !i.statusOk()).count());
        m.put("failing_content", inspections.stream().filter(i -> i.compared() && !i.contentOk()).count());
        m.put("seconds", seconds);
        m.put("per_second", seconds <= 0 ? 0.0 : Math.round(inspections.size() / seconds * 10) / 10.0);
        m.put("links_checked", links.fetched().size());
        m.put("links_failing", links.failing().size());
        m.put("links_seconds", timings.get("links_seconds"));
        m.put("list_seconds", timings.get("list_seconds"));
        m.put("requests", timings.get("requests"));
        m.put("concurrency", rules.concurrency());
        m.put("max_rate", rules.maxRate());
        return m;
    }

    /** A few failing pages' HTML (and, for content, the differences side by side) for the report. */
    public List<Attachment> attachments(String checkId) {
        List<Attachment> out = new ArrayList<>();
        switch (checkId) {
            case "pages.status" -> inspections.stream().filter(i -> !i.statusOk()).limit(ATTACHED)
                    .forEach(i -> html(out, i.page().title() + " (" + String.join(", ", i.statusProblems()) + ")",
                            i.fetched()));
            case "pages.content" -> {
                List<Inspection> failing = inspections.stream().filter(i -> i.compared() && !i.contentOk()).toList();
                if (!failing.isEmpty()) {
                    out.add(new Attachment("content: expected and shown", "text/plain", sideBySide(failing), "txt"));
                }
                failing.stream().limit(ATTACHED).forEach(i -> html(out, i.page().title() + " (as shown)",
                        i.fetched()));
            }
            case "pages.links" -> {
                Set<String> attached = new LinkedHashSet<>();
                for (LinkCheck.Checked c : links.failing()) {
                    for (String from : c.target().from) {
                        if (attached.size() < ATTACHED && attached.add(from)) {
                            links.inspections().stream().filter(i -> i.page().title().equals(from)).findFirst()
                                    .ifPresent(i -> html(out, from + " (links to " + path(c.target().uri) + ")",
                                            i.fetched()));
                        }
                    }
                }
            }
            default -> {
            }
        }
        return out;
    }

    private static void html(List<Attachment> out, String name, Fetched f) {
        if (f.body().length > 0) {
            out.add(new Attachment(name, "text/html", f.bodyText(), "html"));
        }
    }

    private String sideBySide(List<Inspection> failing) {
        StringBuilder sb = new StringBuilder();
        for (Inspection i : failing) {
            sb.append(i.page().title()).append("  ").append(i.fetched().uri()).append('\n');
            i.titleProblem().ifPresent(t -> sb.append("  ").append(t).append('\n'));
            i.textProblem().ifPresent(t -> sb.append("  text: ").append(PageSurvey.percent(t.match().fraction()))
                    .append(" of ").append(t.match().expected()).append(" words shown in order\n")
                    .append("    expected (database): ").append(t.expected()).append('\n')
                    .append("    shown (page):        ").append(t.shown()).append('\n'));
            sb.append('\n');
        }
        return sb.toString();
    }

    private String contentProblems(Inspection i) {
        List<String> problems = new ArrayList<>();
        i.titleProblem().ifPresent(problems::add);
        i.textProblem().ifPresent(t -> problems.add("text shows " + PageSurvey.percent(t.match().fraction())
                + " of the current revision's first " + t.match().expected() + " words " + howFound() + " (need "
                + PageSurvey.percent(rules.text().minFraction()) + ")" + (t.match().changed() > 0 ? ", and other "
                + "words in place of " + t.match().changed() + " of them (allowed " + rules.text().maxChangedWords()
                + "): a different revision" : "") + ": expected «" + t.expected() + "» | shown «" + t.shown()
                + "»"));
        return String.join(", ", problems);
    }

    private String howFound() {
        return rules.text().match() == io.restorecheck.config.PagesSection.Match.RUNS ? "in runs of at least "
                + rules.text().minRun() + " consecutive words anywhere on the page" : "in order";
    }

    private String sampleDescription() {
        return listing.sampled() + " sampled of " + listing.listed() + " listed"
                + (rules.recent() > 0 ? ", " + listing.recent() + " most recently edited" : "");
    }

    private static String name(Inspection i) {
        return "'" + i.page().title() + "'" + (i.page().recent() ? " (recently edited)" : "") + " "
                + path(i.fetched().uri());
    }

    private static String linkedFrom(LinkTargets.Target t) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < t.from.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append('\'').append(t.from.get(k)).append('\'');
        }
        int more = t.linkingPages - t.from.size();
        return sb.append(more > 0 ? " and " + more + " more pages" : "").toString();
    }

    private static String path(URI uri) {
        return (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static <T> String named(List<T> failing, Function<T, String> describe) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(NAMED, failing.size()); k++) {
            sb.append(k == 0 ? "" : "; ").append(describe.apply(failing.get(k)));
        }
        if (failing.size() > NAMED) {
            sb.append("; and ").append(failing.size() - NAMED).append(" more");
        }
        return sb.toString();
    }
}
