package io.restorecheck.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a postgresql.conf the way the server does: {@code name = value} or {@code name value}, {@code #}
 * comments, single-quoted values with {@code ''} and backslash escapes, {@code include}, {@code include_if_exists}
 * and {@code include_dir} relative to the including file; names are case-insensitive and the last one wins.
 */
public final class PostgresConf {
    private static final int MAX_DEPTH = 10;

    /** One setting as the file states it, and where. */
    public record Entry(String name, String value, Path file, int line) {
        public String where() {
            return file + ":" + line;
        }
    }

    private PostgresConf() {
    }

    /** The settings in effect after reading {@code file} and everything it includes, by lower-case name. */
    public static Map<String, Entry> read(Path file) {
        Map<String, Entry> settings = new LinkedHashMap<>();
        readInto(file.toAbsolutePath().normalize(), settings, 0, true);
        return settings;
    }

    /** Parses text as if read from {@code file}; includes are resolved from {@code file}'s folder. */
    static Map<String, Entry> parse(String text, Path file) {
        Map<String, Entry> settings = new LinkedHashMap<>();
        parseInto(text, file.toAbsolutePath().normalize(), settings, 0);
        return settings;
    }

    private static void readInto(Path file, Map<String, Entry> settings, int depth, boolean required) {
        if (depth > MAX_DEPTH) {
            throw new ConfParseException(file + ": includes nested more than " + MAX_DEPTH + " deep");
        }
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new ConfParseException(file + ": no such file");
            }
            return;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        parseInto(text, file, settings, depth);
    }

    private static void parseInto(String text, Path file, Map<String, Entry> settings, int depth) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            Line parsed = new Line(lines[i], file, lineNo).parse();
            if (parsed.name == null) {
                continue;
            }
            String name = parsed.name.toLowerCase(Locale.ROOT);
            Path base = file.getParent();
            switch (name) {
                case "include" -> readInto(base.resolve(parsed.value).normalize(), settings, depth + 1, true);
                case "include_if_exists" -> readInto(base.resolve(parsed.value).normalize(), settings, depth + 1,
                        false);
                case "include_dir" -> includeDir(base.resolve(parsed.value).normalize(), settings, depth + 1, file,
                        lineNo);
                default -> {
                    // Last one wins, and moves to the end, as the server's own processing order shows.
                    settings.remove(name);
                    settings.put(name, new Entry(name, parsed.value, file, lineNo));
                }
            }
        }
    }

    private static void includeDir(Path dir, Map<String, Entry> settings, int depth, Path from, int line) {
        if (!Files.isDirectory(dir)) {
            throw new ConfParseException(from + ":" + line + ": include_dir " + dir + " is not a folder");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".conf") && !n.startsWith(".") && Files.isRegularFile(p);
            }).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        // The server sorts by name in C-locale byte order.
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path f : files) {
            readInto(f, settings, depth, true);
        }
    }

    /** A malformed line or a missing include: names the file and line. */
    public static final class ConfParseException extends RuntimeException {
        ConfParseException(String message) {
            super(message);
        }
    }

    /** A cursor over one line of the file. */
    private static final class Line {
        private final String text;
        private final Path file;
        private final int lineNo;
        private int pos;
        String name;
        String value;

        Line(String text, Path file, int lineNo) {
            this.text = text;
            this.file = file;
            this.lineNo = lineNo;
        }

        Line parse() {
            skipBlanks();
            if (atEnd() || peek() == '#') {
                return this;
            }
            int start = pos;
            while (!atEnd() && isNameChar(peek())) {
                pos++;
            }
            if (pos == start || !(Character.isLetter(text.charAt(start)) || text.charAt(start) == '_')) {
                throw error("expected a setting name");
            }
            name = text.substring(start, pos);
            skipBlanks();
            if (!atEnd() && peek() == '=') {
                pos++;
                skipBlanks();
            }
            if (atEnd() || peek() == '#') {
                throw error("setting '" + name + "' has no value");
            }
            value = peek() == '\'' ? quoted() : unquoted();
            skipBlanks();
            if (!atEnd() && peek() != '#') {
                throw error("unexpected text after the value of '" + name + "': " + text.substring(pos));
            }
            return this;
        }

        private String unquoted() {
            int start = pos;
            while (!atEnd() && !Character.isWhitespace(peek()) && peek() != '#') {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (atEnd()) {
                    throw error("unterminated quoted value of '" + name + "'");
                }
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (!atEnd() && peek() == '\'') {
                        sb.append('\'');
                        pos++;
                        continue;
                    }
                    return sb.toString();
                }
                if (c == '\\' && !atEnd()) {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        default -> {
                            if (e >= '0' && e <= '7') {
                                int v = e - '0';
                                for (int k = 0; k < 2 && !atEnd() && peek() >= '0' && peek() <= '7'; k++) {
                                    v = v * 8 + (text.charAt(pos++) - '0');
                                }
                                sb.append((char) v);
                            } else {
                                sb.append(e);
                            }
                        }
                    }
                    continue;
                }
                sb.append(c);
            }
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.';
        }

        private void skipBlanks() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() {
            return text.charAt(pos);
        }

        private ConfParseException error(String problem) {
            return new ConfParseException(file + ":" + lineNo + ": " + problem);
        }
    }
}
