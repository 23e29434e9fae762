package io.restorecheck.inject;

import io.restorecheck.lab.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Injectors as JVMs on this machine, started from this JVM's own java and classpath (the jar, or the test
 * classpath), each writing under {@code workDir}. A big machine can use it for real; a small one only to test the
 * path: injectors on the same cores compete with each other and with the site.
 */
final class LocalExecutor implements InjectorExecutor {
    @Override
    public List<Outcome> run(InjectorPlan plan, Path workDir, Duration deadline) {
        Path planDir = workDir.resolve("plan");
        plan.write(planDir);
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        List<Process> processes = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Path> outputs = new ArrayList<>();
        // Ctrl-C during the run must not leave injector JVMs loading the site.
        Thread cleanup = new Thread(() -> processes.forEach(Process::destroyForcibly), "restorecheck-injectors-stop");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            for (int i = 0; i < plan.count(); i++) {
                Path output = workDir.resolve("injector-" + i + ".out");
                outputs.add(output);
                processes.add(new ProcessBuilder(command(planDir, workDir, i)).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start());
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                String where = "local injector " + i + " (pid " + p.pid() + ")";
                long leftNanos = deadlineNanos - System.nanoTime();
                if (!p.waitFor(Math.max(0, leftNanos), TimeUnit.NANOSECONDS)) {
                    outcomes.add(Outcome.failed(i, where, "still running at the deadline (" + deadline.toSeconds()
                            + " s after the start of the run); stopped; its output ends: "
                            + Processes.tail(outputs.get(i), 5)));
                    continue;
                }
                Path dir = workDir.resolve("injector-" + i);
                if (p.exitValue() != 0 || !Files.isRegularFile(dir.resolve(Latencies.FILE))) {
                    outcomes.add(Outcome.failed(i, where, "exited with status " + p.exitValue()
                            + " without results; its output (" + outputs.get(i) + ") ends: "
                            + Processes.tail(outputs.get(i), 5)));
                } else {
                    outcomes.add(Outcome.done(i, where, dir));
                }
            }
            return outcomes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a local injector JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the injectors", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            for (Process p : processes) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static List<String> command(Path planDir, Path workDir, int index) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Injector JVMs on one machine spend most of their CPU on start-up and JIT, during the measured load and
        // on the site's cores: the client compiler alone and one GC thread cut that (11.5-13.8 s CPU for one
        // injector vs 30.5-32.6 s for three, for the same 3,000 requests, before this; docs/injectors.md).
        return List.of(java, "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), InjectorMain.class.getName(),
                "--plan", planDir.toString(), "--out", workDir.toString(), "--index", Integer.toString(index));
    }
}
