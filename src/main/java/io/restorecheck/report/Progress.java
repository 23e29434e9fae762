package io.restorecheck.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/** One line per finished step with its duration, so a slow run shows where its time goes. */
public final class Progress {
    private final PrintStream out;
    private final String prefix;
    private final long startNanos = System.nanoTime();
    private int step;

    public Progress(PrintStream out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    /** Runs a step and prints {@code [prefix] name: detail (1.23 s)} when it is done. */
    public <T> T step(String name, Supplier<T> work, java.util.function.Function<T, String> detail) {
        long t0 = System.nanoTime();
        T result = work.get();
        line(name, System.nanoTime() - t0, detail.apply(result));
        return result;
    }

    private synchronized void line(String name, long nanos, String detail) {
        step++;
        out.printf(Locale.ROOT, "[%s %2d] %-40s %7.2f s%s%n", prefix, step, name, nanos / 1e9,
                detail == null || detail.isEmpty() ? "" : "  " + detail);
        out.flush();
    }

    public void step(String name, Runnable work) {
        step(name, () -> {
            work.run();
            return null;
        }, r -> "");
    }

    public void note(String line) {
        out.println("[" + prefix + "] " + line);
        out.flush();
    }

    /**
     * Starts a long step whose progress is reported as it goes: on a terminal one line rewritten in place, in a
     * log (CI) a plain line at most every {@link #PLAIN_INTERVAL_NANOS}. {@link Activity#done} prints the step line.
     */
    public Activity activity(String name) {
        return new Activity(name);
    }

    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;
    private static final boolean TERMINAL = System.console() != null;

    /** A step in progress: what, how far, how long so far. */
    public final class Activity {
        private final String name;
        private final long t0 = System.nanoTime();
        private long lastPlain = t0;
        private boolean drawn;

        private Activity(String name) {
            this.name = name;
        }

        /** Reports how far the step is, e.g. "120/200 pages" or "load 12 s of 20 s, 1,203 requests". */
        public synchronized void update(String status) {
            long now = System.nanoTime();
            String line = String.format(Locale.ROOT, "[%s] %-40s %7.1f s  %s", prefix, name, (now - t0) / 1e9, status);
            if (TERMINAL) {
                out.print("\r" + line + "\033[K");
                out.flush();
                drawn = true;
            } else if (now - lastPlain >= PLAIN_INTERVAL_NANOS) {
                lastPlain = now;
                out.println(line);
                out.flush();
            }
        }

        /** Removes the in-place line (the caller prints the step's own line). */
        public synchronized void clear() {
            if (drawn) {
                out.print("\r\033[K");
                out.flush();
                drawn = false;
            }
        }

        /** Ends the step and prints its line with the duration. */
        public synchronized void done(String detail) {
            if (drawn) {
                out.print("\r\033[K");
            }
            line(name, System.nanoTime() - t0, detail);
        }
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
