package io.restorecheck.config;

import java.nio.file.Path;

/** Bad configuration: names the key, the file and the line, so the operator can fix it without guessing. */
public final class ConfigError extends RuntimeException {
    private final String key;
    private final Path file;
    private final int line;

    public ConfigError(Path file, int line, String key, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : "'" + key + "' ") + problem);
        this.key = key;
        this.file = file;
        this.line = line;
    }

    public String key() {
        return key;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when the problem is with the file as a whole. */
    public int line() {
        return line;
    }
}
