package io.restorecheck.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark history: {@code <dir>/bench-history.jsonl}, one {@link BenchRecord} as compact JSON per line, oldest
 * first. Append-only: a run adds one line and never rewrites the others, so a history shared by CI jobs and kept as a
 * build artifact only grows. A line that does not parse stops the load with its file and line number: a judgement on
 * a silently shortened history would be wrong.
 */
public final class BenchHistory {
    /** The history file's name inside the history folder. */
    public static final String FILE_NAME = "bench-history.jsonl";

    private static final List<String> REQUIRED = List.of("time", "throughput", "p50_ms", "p95_ms", "p99_ms",
            "error_ratio");

    private BenchHistory() {
    }

    /** The history file inside {@code dir}. */
    public static Path file(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    /**
     * Every record of the history in {@code dir}, oldest first; empty when the file does not exist yet. Blank lines
     * are skipped.
     *
     * @throws HistoryError when a line is not a valid record (the message names the file and the 1-based line)
     */
    public static List<BenchRecord> load(Path dir) {
        return JsonLines.load(file(dir), BenchRecord.class, REQUIRED, "bench record");
    }

    /** Appends one record as one line, creating the folder and the file when needed. */
    public static void append(Path dir, BenchRecord record) {
        JsonLines.append(file(dir), record);
    }
}
