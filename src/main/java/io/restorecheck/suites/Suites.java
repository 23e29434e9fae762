package io.restorecheck.suites;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The check suites of an acceptance run, in the order that keeps measurements honest: integrity first (it reads
 * the database only), then pages, then load and cache (which warm and then measure the cache). Each entry names
 * the JUnit classes that make it up; {@code --only} selects entries by name.
 */
public enum Suites {
    INTEGRITY("integrity", "archive, replay, tables, recency, archiving, settings"),
    PAGES("pages", "status, content and links of the restored pages"),
    LOAD("load", "Gatling load with memcached stats sampled around it (load.* and cache.*)");

    private final String label;
    private final String description;

    Suites(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The JUnit classes of this suite, in order; empty while a suite has not been built yet. */
    public List<Class<?>> classes() {
        return switch (this) {
            case INTEGRITY -> List.of(ArchiveSuite.class, IntegritySuite.class);
            case PAGES -> List.of(PagesSuite.class);
            case LOAD -> List.of(LoadSuite.class);
        };
    }

    /** The smoke checks' suite: run by the smoke command only, never by accept's --only. */
    public static List<Class<?>> smokeClasses() {
        return List.of(SmokeSuite.class);
    }

    public static Optional<Suites> parse(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label.trim())).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Suites::label).toList();
    }

    /** The classes of the chosen suites, in run order whatever order they were chosen in. */
    public static List<Class<?>> classesOf(List<Suites> chosen) {
        List<Class<?>> classes = new ArrayList<>();
        for (Suites s : values()) {
            if (chosen.contains(s)) {
                classes.addAll(s.classes());
            }
        }
        return classes;
    }
}
