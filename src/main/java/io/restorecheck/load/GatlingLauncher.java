package io.restorecheck.load;

import io.restorecheck.lab.Processes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a Gatling simulation in this JVM through Gatling's own command line entry ({@code Gatling$.fromArgs}: the
 * Maven plugin is not involved) and moves its results folder to {@code <gatling>/<label>/} (index.html,
 * simulation.log). One simulation at a time: Gatling's engine is a process-wide singleton.
 */
public final class GatlingLauncher {
    /** The package a simple simulation name in the config is looked up in. */
    public static final String SIMULATIONS_PACKAGE = "io.restorecheck.simulations";

    private GatlingLauncher() {
    }

    /** What a run left behind: Gatling's status (0 ok, 2 assertions failed) and the report folder. */
    public record Launched(int status, Path reportDir) {
        public Path simulationLog() {
            return reportDir.resolve("simulation.log");
        }

        public Path indexHtml() {
            return reportDir.resolve("index.html");
        }
    }

    /**
     * The simulation class a config names: a fully-qualified name, or a simple name in
     * {@value #SIMULATIONS_PACKAGE}.
     */
    public static Class<?> resolve(String name) {
        String qualified = name.contains(".") ? name : SIMULATIONS_PACKAGE + "." + name;
        try {
            Class<?> c = Class.forName(qualified, false, GatlingLauncher.class.getClassLoader());
            if (!io.gatling.javaapi.core.Simulation.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException("load.simulation " + name + ": " + qualified
                        + " is not a Gatling Simulation (io.gatling.javaapi.core.Simulation)");
            }
            return c;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("load.simulation " + name + ": no class " + qualified
                    + " on the classpath (simple names are looked up in " + SIMULATIONS_PACKAGE + ")", e);
        }
    }

    /**
     * Runs the simulation with the parameters installed in {@link LoadParameters}; results go to
     * {@code gatlingDir/label/}, replacing what a previous run left there.
     */
    public static Launched run(Class<?> simulation, Path gatlingDir, String label, String description) {
        return run(simulation, gatlingDir, label, description, true);
    }

    /**
     * As {@link #run(Class, Path, String, String)}; without {@code htmlReport} Gatling writes only its
     * simulation.log (no index.html), which saves its report generation on short runs such as capacity probes.
     */
    public static synchronized Launched run(Class<?> simulation, Path gatlingDir, String label, String description,
                                            boolean htmlReport) {
        Path scratch;
        try {
            Files.createDirectories(gatlingDir);
            scratch = Files.createTempDirectory(gatlingDir, ".gatling-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Gatling results folder in " + gatlingDir, e);
        }
        PrintStream stdout = System.out;
        try (PrintStream console = new PrintStream(Files.newOutputStream(scratch.resolve("console.log")), true,
                StandardCharsets.UTF_8)) {
            // Gatling prints its summary tables on stdout; the harness prints its own progress lines instead.
            System.setOut(console);
            int status;
            try {
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                        "--simulation", simulation.getName(),
                        "--results-folder", scratch.toAbsolutePath().toString(),
                        "--run-description", description));
                if (!htmlReport) {
                    args.add("--no-reports");
                }
                status = io.gatling.app.Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
            } finally {
                System.setOut(stdout);
            }
            Path produced = newestResults(scratch).orElseThrow(() -> new IllegalStateException("Gatling ("
                    + simulation.getSimpleName() + ") ended with status " + status + " and wrote no simulation.log"
                    + " under " + scratch));
            Path target = gatlingDir.resolve(label);
            Processes.deleteTree(target);
            Files.move(produced, target);
            Files.move(scratch.resolve("console.log"), target.resolve("console.log"));
            return new Launched(status, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move Gatling's results into " + gatlingDir.resolve(label), e);
        } finally {
            Processes.deleteTree(scratch);
        }
    }

    private static Optional<Path> newestResults(Path scratch) throws IOException {
        try (Stream<Path> dirs = Files.list(scratch)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("simulation.log")))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
        }
    }
}
