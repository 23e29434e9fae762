package io.restorecheck.smoke;

import java.util.Locale;

/** How the smoke checks word causes and durations. */
final class Messages {
    private Messages() {
    }

    /** The message of {@code t} and of its causes, so "connection refused" is not hidden behind a wrapper. */
    static String of(Throwable t) {
        StringBuilder sb = new StringBuilder(text(t));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String more = text(c);
            // A cause without a message (ClosedChannelException under HttpClient's refusal) adds only noise.
            boolean bare = more.equals(c.getClass().getSimpleName());
            if (!bare && !sb.toString().contains(more)) {
                sb.append(" (").append(more).append(')');
            }
        }
        return sb.toString();
    }

    private static String text(Throwable t) {
        if (t instanceof java.net.ConnectException && (t.getMessage() == null || t.getMessage().isBlank())) {
            return "connection refused";
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    static String millis(long startNanos) {
        return String.format(Locale.ROOT, "%d ms", (System.nanoTime() - startNanos) / 1_000_000);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
