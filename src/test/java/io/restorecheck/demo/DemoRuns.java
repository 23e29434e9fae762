package io.restorecheck.demo;

import io.restorecheck.cli.Main;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Demo runs for the integration tests. The healthy demo (300 pages, every suite) runs once per test JVM and is
 * shared: each suite's IT asserts its own checks on it, so CI pays for one healthy run, not one per suite.
 */
public final class DemoRuns {
    private static Run healthy;

    private DemoRuns() {
    }

    /** One demo run: its exit code, summary, run folder and what it printed. */
    public record Run(int code, Summary summary, Path dir, String output) {
    }

    public static synchronized Run healthy() {
        if (healthy == null) {
            try {
                healthy = run(Files.createTempDirectory("restorecheck-healthy-demo-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return healthy;
    }

    /** Runs {@code demo --pages 300 --reports REPORTS ARGS...}, echoing and capturing its output. */
    public static Run run(Path reports, String... args) {
        return run(reports, 300, args);
    }

    /** Runs {@code demo --pages PAGES --reports REPORTS ARGS...}, echoing and capturing its output. */
    public static Run run(Path reports, int pages, String... args) {
        List<String> all = new ArrayList<>(List.of("demo", "--reports", reports.toString(), "--pages",
                Integer.toString(pages)));
        all.addAll(List.of(args));
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                old.write(b);
                buf.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                old.write(b, off, len);
                buf.write(b, off, len);
            }
        }, true));
        int code;
        try {
            code = Main.run(all.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        try {
            Path dir = reports.resolve("latest").toRealPath();
            return new Run(code, SummaryWriter.read(dir.resolve("summary.json")), dir, buf.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("the demo wrote no summary under " + reports, e);
        }
    }
}
