package io.restorecheck.demo.wiki;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Fills an empty wiki with deterministic pages: the same page count and seed give the same
 * rows. Every revision's text carries a checkable marker such as {@code rc:cedar_street_17:r3}
 * and links to other pages, now and then to one that does not exist.
 */
public final class WikiData {
    /** What was generated. */
    public record Counts(int pages, int revisions) {
    }

    /** The default end of the generated history; fixed so that the data is reproducible. */
    public static final Instant DEFAULT_END = Instant.parse("2026-01-01T00:00:00Z");
    public static final String MAIN_PAGE = "Main Page";

    private static final String[] PLACES = {"Cedar", "Maple", "Willow", "Oak", "Birch", "Aspen", "Juniper",
        "Alder", "Hazel", "Rowan", "Elm", "Poplar", "Spruce", "Laurel", "Magnolia", "Sycamore", "Linden",
        "Chestnut", "Hawthorn", "Cypress", "Redwood", "Walnut", "Pine", "Ash", "Beech", "Holly", "Olive", "Yew",
        "Larch", "Fir"};
    private static final String[] KINDS = {"Street", "Lane", "Avenue", "Park", "Bridge", "Library", "Market",
        "Square", "Garden", "School", "Theatre", "Station", "Bakery", "Museum", "Trail", "Creek", "Hill", "Court",
        "Plaza", "Cafe"};
    private static final int NUMBERS = 99;
    private static final String[] WORDS = ("the a old new small quiet busy historic local public green river "
            + "north south east west corner building opened closed renovated community neighbours visitors "
            + "morning evening summer winter festival market bench tower clock fountain mural path stones "
            + "bicycle parking stairs window roof garden trees shade coffee bread books music children dogs "
            + "council volunteers history photos century built moved replaced famous favourite near across "
            + "behind along between during after before often rarely always usually every weekend holiday")
            .split(" ");
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
        "ivan", "judy", "mallory", "oscar"};
    private static final String[] COMMENTS = {"typo", "added history", "more links", "expanded", "cleanup",
        "photos moved", ""};
    private static final long SECONDS_PER_YEAR = Duration.ofDays(365).toSeconds();
    private static final int BATCH_ROWS = 1_000;

    private WikiData() {
    }

    /** Generates {@code pages} pages with history over the year before {@link #DEFAULT_END}. */
    public static Counts generate(Connection connection, int pages, long seed) throws SQLException {
        return generate(connection, pages, seed, DEFAULT_END);
    }

    /**
     * Generates {@code pages} pages (the first is "Main Page") with 1 to 5 revisions each,
     * edited over the year before {@code end}, in one transaction. The tables must exist
     * and hold none of these pages.
     */
    public static Counts generate(Connection connection, int pages, long seed, Instant end) throws SQLException {
        if (pages < 1 || pages > PLACES.length * KINDS.length * NUMBERS) {
            throw new IllegalArgumentException("pages: " + pages + " is not 1.."
                    + PLACES.length * KINDS.length * NUMBERS);
        }
        Random random = new Random(seed);
        List<String> titles = titles(pages, random);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        int revisions = 0;
        try (PreparedStatement all = connection.prepareStatement("INSERT INTO allPages (name, text, editTime,"
                + " userEdited, edittype, comment, userIP, propercased_name) VALUES (?, ?, ?, ?, ?, ?, ?::inet, ?)");
             PreparedStatement cur = connection.prepareStatement("INSERT INTO curPages (name, text, editTime,"
                     + " userEdited, propercased_name) VALUES (?, ?, ?, ?, ?)")) {
            for (String title : titles) {
                String name = Titles.name(title);
                int count = 1 + random.nextInt(5);
                double editTime = end.getEpochSecond() - SECONDS_PER_YEAR
                        + random.nextInt((int) (SECONDS_PER_YEAR - Duration.ofDays(1).toSeconds()));
                String text = null;
                String user = null;
                for (int revision = 1; revision <= count; revision++) {
                    if (revision > 1) {
                        double gap = 60 + random.nextInt((int) Duration.ofDays(30).toSeconds());
                        editTime = Math.min(editTime + gap, editTime + (end.getEpochSecond() - editTime) / 2);
                    }
                    // Whole microseconds, as the wiki itself stores an edit's time.
                    editTime = Math.floor(editTime) + random.nextInt(1_000_000) / 1e6;
                    text = text(title, revision, titles, random);
                    user = USERS[random.nextInt(USERS.length)];
                    all.setString(1, name);
                    all.setString(2, text);
                    all.setDouble(3, editTime);
                    all.setString(4, user);
                    all.setString(5, revision == 1 ? "SAVENEW" : "SAVE");
                    all.setString(6, revision == 1 ? "created" : COMMENTS[random.nextInt(COMMENTS.length)]);
                    all.setString(7, "10.0." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
                    all.setString(8, title);
                    all.addBatch();
                    if (++revisions % BATCH_ROWS == 0) {
                        all.executeBatch();
                    }
                }
                cur.setString(1, name);
                cur.setString(2, text);
                cur.setDouble(3, editTime);
                cur.setString(4, user);
                cur.setString(5, title);
                cur.addBatch();
            }
            all.executeBatch();
            cur.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new Counts(pages, revisions);
    }

    private static List<String> titles(int pages, Random random) {
        Set<String> titles = new LinkedHashSet<>();
        titles.add(MAIN_PAGE);
        while (titles.size() < pages) {
            titles.add(PLACES[random.nextInt(PLACES.length)] + " " + KINDS[random.nextInt(KINDS.length)] + " "
                    + (1 + random.nextInt(NUMBERS)));
        }
        return new ArrayList<>(titles);
    }

    private static String text(String title, int revision, List<String> titles, Random random) {
        List<String> links = new ArrayList<>();
        int linkCount = Math.min(titles.size() - 1, 2 + random.nextInt(4));
        while (links.size() < linkCount) {
            String target = titles.get(random.nextInt(titles.size()));
            if (!target.equals(title) && !links.contains(target)) {
                links.add(target);
            }
        }
        StringBuilder text = new StringBuilder();
        String opening = sentence(random, 4, 8, List.of());
        text.append("'''").append(title).append("''' is ").append(Character.toLowerCase(opening.charAt(0)))
                .append(opening, 1, opening.length());
        text.append(' ').append(sentence(random, 6, 14, links.subList(0, Math.min(1, links.size()))));
        text.append(' ').append(sentence(random, 6, 14, List.of())).append("\n\n");
        text.append("== History ==\n");
        for (int i = 0; i < 2 + random.nextInt(3); i++) {
            text.append(sentence(random, 6, 16, List.of())).append(' ');
        }
        text.append(sentence(random, 6, 14, links.subList(Math.min(1, links.size()), links.size()))).append("\n\n");
        if (random.nextInt(10) == 0) {
            // A red link, as real wikis have: a page someone meant to write.
            text.append("See also [[").append(PLACES[random.nextInt(PLACES.length)]).append(' ')
                    .append(KINDS[random.nextInt(KINDS.length)]).append(" Archive]].\n\n");
        }
        text.append("* ").append(sentence(random, 4, 10, List.of())).append('\n');
        text.append("* ''").append(sentence(random, 4, 10, List.of())).append("''\n\n");
        text.append("Revision marker: ").append(Titles.marker(title, revision)).append(".\n");
        return text.toString();
    }

    private static String sentence(Random random, int minWords, int maxWords, List<String> links) {
        int words = minWords + random.nextInt(maxWords - minWords + 1);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            s.append(i == 0 && s.isEmpty() ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            s.append(' ');
        }
        for (String link : links) {
            s.append(random.nextInt(4) == 0 ? "[[" + link + "|" + link.toLowerCase() + "]]" : "[[" + link + "]]")
                    .append(", ");
        }
        s.setLength(s.length() - (links.isEmpty() ? 1 : 2));
        return s.append('.').toString();
    }
}
