package io.restorecheck.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A real fault {@code drill --lab} can inject so each drill check can be seen failing. */
public enum DrillBreak {
    /** Bytes flipped inside a heap page of allPages in the base backup: drill.amcheck names relation and block. */
    CORRUPT_BACKUP("corrupt-backup"),
    /** A segment after the backup removed from the archive: replay stops there; drill.recovery-point fails. */
    WAL_GAP("wal-gap"),
    /** drill.max-restore-time of 100 ms, which no restore meets: drill.restore-time fails. */
    RESTORE_BUDGET("restore-budget");

    private final String label;

    DrillBreak(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<DrillBreak> parse(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(DrillBreak::label).toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
