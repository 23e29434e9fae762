package io.restorecheck.inject;

import io.restorecheck.load.GatlingLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gatling's report generation alone ({@code -ro}) on a results folder holding one {@code simulation.log}: the merged
 * fleet's report. Gatling re-evaluates the assertions stored in the log's header on the merged data; its status is
 * returned (0 ok, 2 assertions failed).
 */
final class ReportOnly {
    private ReportOnly() {
    }

    static int generate(Path gatlingDir, String folder) {
        // Same lock as GatlingLauncher: Gatling's engine and System.out are process-wide.
        synchronized (GatlingLauncher.class) {
            PrintStream stdout = System.out;
            try (PrintStream console = new PrintStream(Files.newOutputStream(gatlingDir.resolve(folder)
                    .resolve("console.log")), true, StandardCharsets.UTF_8)) {
                System.setOut(console);
                return io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {"-ro", folder, "-rf",
                        gatlingDir.toAbsolutePath().toString()});
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write Gatling's console output under " + gatlingDir, e);
            } finally {
                System.setOut(stdout);
            }
        }
    }
}
