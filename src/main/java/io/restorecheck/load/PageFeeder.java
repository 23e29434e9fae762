package io.restorecheck.load;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An endless Gatling feeder of visits: {@code path} and {@code request} (the report label). Pages are drawn by
 * popularity ({@link ZipfRanks}); a share of the visits goes to the other paths (e.g. Recent Changes), in turn.
 * Thread-safe: Gatling may pull from several threads.
 */
public final class PageFeeder implements Iterator<Map<String, Object>> {
    public static final String VIEW_PAGE = "view page";

    private final List<String> pages;
    private final List<String> others;
    private final double otherShare;
    private final ZipfRanks ranks;
    private final SplittableRandom random;
    private long otherVisits;

    public PageFeeder(List<String> pages, List<String> others, double otherShare, double skew, long seed) {
        if (pages.isEmpty() && others.isEmpty()) {
            throw new IllegalArgumentException("nothing to visit");
        }
        this.pages = List.copyOf(pages);
        this.others = List.copyOf(others);
        this.otherShare = others.isEmpty() ? 0 : pages.isEmpty() ? 1 : otherShare;
        this.ranks = pages.isEmpty() ? null : new ZipfRanks(pages.size(), skew);
        this.random = new SplittableRandom(seed);
    }

    /** The feeder a simulation uses, from the installed parameters. */
    public static PageFeeder of(LoadParameters p) {
        return new PageFeeder(p.pagePaths(), p.alsoVisitPaths(), p.alsoVisitShare(), p.popularitySkew(), p.seed());
    }

    /** The report label of a visit to one of the other paths, e.g. "visit /Recent_Changes". */
    public static String visitName(String path) {
        return "visit " + path;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public synchronized Map<String, Object> next() {
        if (random.nextDouble() < otherShare) {
            String path = others.get((int) (otherVisits++ % others.size()));
            return Map.of("path", path, "request", visitName(path));
        }
        return Map.of("path", pages.get(ranks.draw(random) - 1), "request", VIEW_PAGE);
    }
}
