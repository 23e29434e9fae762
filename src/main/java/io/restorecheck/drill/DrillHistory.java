package io.restorecheck.drill;

import io.restorecheck.bench.JsonLines;
import java.nio.file.Path;
import java.util.List;

/** {@code <dir>/drill-history.jsonl}: the drill's history, kept by the bench history's rules ({@link JsonLines}). */
public final class DrillHistory {
    public static final String FILE_NAME = "drill-history.jsonl";
    private static final List<String> REQUIRED = List.of("time", "verdict");

    private DrillHistory() {
    }

    public static Path file(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    /** Every drill so far, oldest first; a damaged line is a HistoryError naming file and line. */
    public static List<DrillRecord> load(Path dir) {
        return JsonLines.load(file(dir), DrillRecord.class, REQUIRED);
    }

    public static void append(Path dir, DrillRecord record) {
        JsonLines.append(file(dir), record);
    }
}
