package io.restorecheck.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table name as SQL spells it: {@code table} or {@code schema.table}, each part a plain identifier (folded to
 * lower case by PostgreSQL) or a double-quoted one (exact case, any character, {@code ""} for a quote).
 */
public final class TableName {
    private record Part(String text, boolean quoted) {
    }

    private TableName() {
    }

    public static boolean isValid(String written) {
        return parse(written).isPresent();
    }

    /** The same name with every unquoted part quoted as written: {@code MW.Page} becomes {@code "MW"."Page"}. */
    public static String exactCase(String written) {
        List<Part> parts = parse(written).orElseThrow(() -> new IllegalArgumentException("not a table name: "
                + written));
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            out.add("\"" + p.text().replace("\"", "\"\"") + "\"");
        }
        return String.join(".", out);
    }

    /** The table part without its schema and quotes, for looking it up in other schemas. */
    public static String relation(String written) {
        List<Part> parts = parse(written).orElseThrow(() -> new IllegalArgumentException("not a table name: "
                + written));
        return parts.get(parts.size() - 1).text();
    }

    /** True when the name says its schema ({@code schema.table}). */
    public static boolean isQualified(String written) {
        return parse(written).map(p -> p.size() == 2).orElse(false);
    }

    private static Optional<List<Part>> parse(String s) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i >= s.length()) {
                return Optional.empty();
            }
            StringBuilder text = new StringBuilder();
            if (s.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= s.length()) {
                        return Optional.empty();
                    }
                    char c = s.charAt(i++);
                    if (c == '"') {
                        if (i < s.length() && s.charAt(i) == '"') {
                            text.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        text.append(c);
                    }
                }
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                parts.add(new Part(text.toString(), true));
            } else {
                char first = s.charAt(i);
                if (!(Character.isLetter(first) || first == '_')) {
                    return Optional.empty();
                }
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || s.charAt(i) == '$')) {
                    text.append(s.charAt(i++));
                }
                parts.add(new Part(text.toString(), false));
            }
            if (i == s.length()) {
                return parts.size() <= 2 ? Optional.of(parts) : Optional.empty();
            }
            if (s.charAt(i) != '.') {
                return Optional.empty();
            }
            i++;
        }
    }
}
