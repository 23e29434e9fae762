package io.restorecheck.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Bad configuration: names the key, the file and the line, so the operator can fix it without guessing. */
public final class ConfigError extends RuntimeException {
    private final String key;
    private final Path file;
    private final int line;
    private final List<ConfigError> all;

    public ConfigError(Path file, int line, String key, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : "'" + key + "' ") + problem);
        this.key = key;
        this.file = file;
        this.line = line;
        this.all = List.of();
    }

    private ConfigError(List<ConfigError> all) {
        super(all.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")));
        this.key = all.get(0).key;
        this.file = all.get(0).file;
        this.line = all.get(0).line;
        this.all = List.copyOf(all);
    }

    /** One error that carries every problem found, one line each; key, file and line are the first one's. */
    public static ConfigError all(List<ConfigError> errors) {
        return errors.size() == 1 ? errors.get(0) : new ConfigError(errors);
    }

    /** Every problem this error reports (itself alone, unless built by {@link #all}). */
    public List<ConfigError> problems() {
        return all.isEmpty() ? List.of(this) : all;
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
