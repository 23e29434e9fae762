package io.restorecheck.bench;

import java.nio.file.Path;

/** A bench history file that cannot be used as it is: names the file and the 1-based line, says what is wrong. */
public final class HistoryError extends RuntimeException {
    private final Path file;
    private final int line;

    HistoryError(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    HistoryError(Path file, int line, String problem, Throwable cause) {
        super(file + ":" + line + ": " + problem + " (fix or remove that line; the history is append-only JSON lines)",
                cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line of the bad record. */
    public int line() {
        return line;
    }
}
