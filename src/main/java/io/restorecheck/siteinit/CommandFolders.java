package io.restorecheck.siteinit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The archive folder named in a {@code restore_command} or {@code archive_command}, read as {@code /bin/sh} would
 * split it: {@code cp "/srv/wal/%f" "%p"}, {@code cp '/srv/wal/'%f '%p'} and a helper given the folder as its own
 * word ({@code tool restore '/srv/wal' '%f' '%p'}) all name {@code /srv/wal}. PostgreSQL doubles a literal
 * {@code %} as {@code %%}, so it is undoubled here.
 */
final class CommandFolders {
    private CommandFolders() {
    }

    /**
     * The folder of the word that ends in {@code /%f}, else the first absolute word that {@code isArchive}
     * accepts, else empty.
     */
    static Optional<Path> archiveFolder(String command, Predicate<Path> isArchive) {
        List<String> words = words(command);
        for (String w : words) {
            int at = placeholder(w, 'f');
            if (at > 0 && w.charAt(at - 1) == '/' && w.startsWith("/")) {
                return Optional.of(Path.of(undouble(w.substring(0, at - 1))));
            }
        }
        for (String w : words) {
            if (w.startsWith("/") && placeholder(w, 'f') < 0 && placeholder(w, 'p') < 0) {
                Path p = Path.of(undouble(w));
                if (Files.isDirectory(p) && isArchive.test(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Where PostgreSQL's {@code %<letter>} placeholder stands in {@code word} ({@code %%} is a literal), or -1. */
    private static int placeholder(String word, char letter) {
        for (int i = 0; i + 1 < word.length(); i++) {
            if (word.charAt(i) == '%') {
                if (word.charAt(i + 1) == letter) {
                    return i;
                }
                i++; // %% or another placeholder: skip its second character
            }
        }
        return -1;
    }

    private static String undouble(String text) {
        return text.replace("%%", "%");
    }

    /** Shell words: single quotes literal, double quotes with backslash escapes, adjacent parts joined. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                end = end < 0 ? command.length() : end;
                word.append(command, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                while (j < command.length() && command.charAt(j) != '"') {
                    if (command.charAt(j) == '\\' && j + 1 < command.length()) {
                        j++;
                    }
                    word.append(command.charAt(j));
                    j++;
                }
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|' || c == '<' || c == '>') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
