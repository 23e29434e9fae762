package io.restorecheck.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to list the site's pages from its database and how to check them: which pages (a seeded sample plus the
 * most recently edited), what a page must show (title, current text), which links must resolve, and how gently
 * to fetch (parallel fetches, a rate cap). Defaults are in docs/pages.md.
 *
 * @param listQuery   SQL returning one row per page, with the title and text columns named in {@link Title#column}
 *                    and {@link Text#column}
 * @param sample      how many pages to sample from the list; {@link #ALL} checks every page
 * @param seed        the sample's seed: the same seed and list give the same sample, whatever the row order
 * @param recent      how many of the most recently edited pages to check on top of the sample (0: none)
 * @param recentOrder an ORDER BY expression over the list query's columns, newest first (e.g. "editTime DESC")
 * @param recentQuery a query returning the most recently edited pages, newest first (instead of recentOrder)
 * @param maxRate     requests per second, all fetches together: the check must never become a load test
 */
public record PagesSection(String listQuery, int sample, long seed, int recent, Optional<String> recentOrder,
                           Optional<String> recentQuery, Title title, Text text, Links links,
                           List<String> contentTypes, List<String> errorMarkers, int concurrency, double maxRate,
                           Duration requestTimeout) {
    /** {@code sample = all}: every listed page. */
    public static final int ALL = Integer.MAX_VALUE;
    public static final List<String> DEFAULT_ERROR_MARKERS = List.of("Exception in thread", "at java.",
            "at org.postgresql.", "Traceback (most recent call last)", "Internal Server Error", "SQLSTATE",
            "PSQLException", "psycopg2.", "Fatal error:", "Stack trace:", "Uncaught exception");

    public PagesSection {
        recentOrder = recentOrder == null ? Optional.empty() : recentOrder;
        recentQuery = recentQuery == null ? Optional.empty() : recentQuery;
        contentTypes = List.copyOf(contentTypes);
        errorMarkers = List.copyOf(errorMarkers);
    }

    /** A section with every default but the list query and the sample size. */
    public PagesSection(String listQuery, int sample) {
        this(listQuery, sample, 1, 0, Optional.empty(), Optional.empty(), Title.DEFAULT, Text.DEFAULT, Links.DEFAULT,
                List.of("text/html"), DEFAULT_ERROR_MARKERS, 4, 50, Duration.ofSeconds(10));
    }

    /**
     * How a page's title element must match the database title. Both sides are normalised by the same rules
     * before comparing; the page side's entities are always decoded (it is HTML).
     *
     * @param format              what the element shows, {@code {title}} standing for the database title, e.g.
     *                            "{title} - Sample Wiki"
     * @param decodeEntities      decode HTML entities in the database title too (titles stored escaped)
     * @param underscoresAsSpaces treat '_' as a space on both sides, as wikis do in page names
     */
    public record Title(String column, String selector, String format, boolean caseSensitive,
                        boolean collapseWhitespace, boolean decodeEntities, boolean underscoresAsSpaces) {
        public static final Title DEFAULT = new Title("title", "title", "{title}", true, true, true, false);
    }

    /** What the database text column holds, so it can be reduced to the words a reader sees. */
    public enum Markup {
        /** Plain text: the words as they are. */
        PLAIN,
        /** Wiki markup: links show their label, templates and tags vanish, emphasis and heading marks go. */
        WIKI,
        /** HTML: the text of the markup. */
        HTML
    }

    /** How the database text's words are looked for on the page. */
    public enum Match {
        /** Runs of at least min-run consecutive words anywhere on the page; words shown in their place fail. */
        RUNS,
        /** All in one order (longest common subsequence): strict, but content rendered elsewhere scores low. */
        IN_ORDER
    }

    /**
     * How much of the current revision's text the page must show.
     *
     * @param words           how many leading words of the database text are looked for on the page
     * @param minFraction     the share of those words that must appear on the page (1.0: all)
     * @param match           the rule that decides whether a word "appears"
     * @param minRun          with {@link Match#RUNS}: shortest run of consecutive words that counts
     * @param maxChangedWords with {@link Match#RUNS}: database words the page may show other words in place of
     */
    public record Text(String column, String selector, Markup markup, int words, double minFraction,
                       boolean caseSensitive, Match match, int minRun, int maxChangedWords) {
        public static final Text DEFAULT = new Text("text", "body", Markup.PLAIN, 200, 0.9, false);
        public static final int DEFAULT_MIN_RUN = 3;

        /** The default rule: runs of {@link #DEFAULT_MIN_RUN} words, no changed word allowed. */
        public Text(String column, String selector, Markup markup, int words, double minFraction,
                    boolean caseSensitive) {
            this(column, selector, markup, words, minFraction, caseSensitive, Match.RUNS, DEFAULT_MIN_RUN, 0);
        }
    }

    /**
     * Which links are followed: those the selector finds on a checked page that lead to the site itself (same
     * scheme, host, port and base path), minus those an exclude pattern finds in their path and query.
     *
     * @param maxTargets distinct link targets fetched at most (each once); the rest are counted, not fetched
     */
    public record Links(boolean check, String selector, List<Pattern> exclude, int maxTargets) {
        public static final Links DEFAULT = new Links(true, "a[href]", List.of(), 2_000);

        public Links {
            exclude = List.copyOf(exclude);
        }
    }
}
