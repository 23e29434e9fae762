package io.restorecheck.siteinit;

import java.util.ArrayList;
import java.util.List;

/** The config file being written: HOCON lines with their comments, and the placeholders left in it. */
final class ConfigText {
    private final StringBuilder text = new StringBuilder();
    private final List<String> placeholders = new ArrayList<>();
    private String indent = "";

    ConfigText line(String line) {
        text.append(indent).append(line).append('\n');
        return this;
    }

    ConfigText blank() {
        text.append('\n');
        return this;
    }

    /** A comment, wrapped at about 116 columns so the file reads in a terminal. */
    ConfigText comment(String comment) {
        StringBuilder current = new StringBuilder();
        for (String word : comment.split(" ")) {
            if (current.length() + word.length() + indent.length() > 112 && current.length() > 0) {
                text.append(indent).append("# ").append(current.toString().stripTrailing()).append('\n');
                current.setLength(0);
                current.append("  ");
            }
            current.append(word).append(' ');
        }
        text.append(indent).append("# ").append(current.toString().stripTrailing()).append('\n');
        return this;
    }

    ConfigText open(String section) {
        line(section + " {");
        indent += "  ";
        return this;
    }

    ConfigText close() {
        indent = indent.substring(2);
        return line("}");
    }

    /** A key that could not be determined: written commented out with where to look, and remembered. */
    ConfigText placeholder(String key, String fullKey, String example, String whereToLook) {
        placeholders.add(fullKey);
        comment("PLACEHOLDER " + fullKey + ": " + whereToLook);
        return line("# " + key + " = " + example);
    }

    List<String> placeholders() {
        return List.copyOf(placeholders);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** A HOCON quoted string. */
    static String q(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
