package io.restorecheck.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A real fault the demo can inject so each check can be seen failing (DESIGN §2). */
public enum BreakKind {
    WAL_GAP("wal-gap", true),
    CORRUPT_WAL("corrupt-wal", true),
    STOP_EARLY("stop-early", true),
    LOSE_WAL_TAIL("lose-wal-tail", true),
    ARCHIVING_OFF("archiving-off", true),
    SETTINGS_DRIFT("settings-drift", true),
    MEMCACHED_PORT("memcached-port", true),
    STALE_CACHE("stale-cache", true),
    BROKEN_PAGE("broken-page", true),
    /** The primary failed over once (timeline 2 in the archive); the restore is held on timeline 1. */
    WRONG_TIMELINE("wrong-timeline", true);

    private final String label;
    /** A kind is implemented once a check of this product sees it fail; until then it is refused. */
    private final boolean implemented;

    BreakKind(String label, boolean implemented) {
        this.label = label;
        this.implemented = implemented;
    }

    public String label() {
        return label;
    }

    public boolean implemented() {
        return implemented;
    }

    public static Optional<BreakKind> parse(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    public static List<String> implementedLabels() {
        return Arrays.stream(values()).filter(BreakKind::implemented).map(BreakKind::label).toList();
    }

    public static List<String> allLabels() {
        return Arrays.stream(values()).map(BreakKind::label).toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
