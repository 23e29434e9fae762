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
        step++;
        String d = detail.apply(result);
        out.printf(Locale.ROOT, "[%s %2d] %-40s %7.2f s%s%n", prefix, step, name, (System.nanoTime() - t0) / 1e9,
                d == null || d.isEmpty() ? "" : "  " + d);
        out.flush();
        return result;
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

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
