package io.restorecheck.drill;

/** Quoting for the two places the drill builds shell lines: the fetch command's folder and the archive path. */
final class Shell {
    private Shell() {
    }

    /** A single-quoted shell word: nothing inside is expanded. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
