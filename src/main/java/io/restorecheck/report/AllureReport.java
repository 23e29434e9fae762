package io.restorecheck.report;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a run's {@code allure-results/} into {@code allure-report/} with Allure's own generator (the
 * allure-commandline zip from Maven Central, unpacked by the build into {@code target/allure-commandline/}), run
 * offline as a child process. Single-file mode: {@code allure-report/index.html} carries its data inline, so it
 * opens from disk (file://, where browsers block the XHR the multi-file report loads its data with). That mode
 * writes no {@code history/} folder, so the history it embedded is unpacked into {@code allure-report/history/};
 * the next run copies it into its results first, so the trend graphs carry over.
 */
final class AllureReport {
    static final String HOME_PROPERTY = "restorecheck.allure.home";
    /** The integration tests turn the generator off (seconds per run) except where they test the report. */
    static final String ENABLED_PROPERTY = "restorecheck.report.allure";
    private static final long TIMEOUT_SECONDS = 180;

    private AllureReport() {
    }

    /**
     * The report's index.html, or why there is none; never throws: the report is an extra, not the verdict.
     * {@code environment} (target, versions) fills the Environment panel; empty keeps what the run wrote.
     */
    static Outcome generate(RunDirectory run, Map<String, String> environment) {
        Path results = run.resolve("allure-results");
        if (!Files.isDirectory(results)) {
            return Outcome.none("no check suite ran, so there are no Allure results");
        }
        try {
            // Written even when the generator is off: the results alone say what the run was pointed at.
            // Regenerating a run's report without its environment keeps the one written when it ran.
            if (!environment.isEmpty() || !Files.isRegularFile(results.resolve("environment.properties"))) {
                AllureEnvironment.write(results, environment, reportName(run));
            }
        } catch (IOException e) {
            return Outcome.none("cannot write " + results.resolve("environment.properties") + ": " + e.getMessage());
        }
        if ("false".equals(System.getProperty(ENABLED_PROPERTY))) {
            return Outcome.none("turned off (-D" + ENABLED_PROPERTY + "=false)");
        }
        Optional<Path> home = home();
        if (home.isEmpty()) {
            return Outcome.none("Allure's generator was not found (it is unpacked into target/allure-commandline by "
                    + "'mvn package'; or set -D" + HOME_PROPERTY + "=DIR)");
        }
        try {
            previousHistory(run).ifPresent(history -> copyTree(history, results.resolve("history")));
            String name = reportName(run);
            Path out = run.resolve("allure-report");
            Path log = run.resolve("allure-generate.log");
            ProcessBuilder pb = new ProcessBuilder(home.get().resolve("bin/allure").toString(), "generate", "--clean",
                    "--single-file", "--name", name, "-o", out.toString(), results.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Outcome.none("Allure's generator did not finish within " + TIMEOUT_SECONDS + " s; see " + log);
            }
            Path index = out.resolve("index.html");
            if (p.exitValue() != 0 || !Files.isRegularFile(index)) {
                return Outcome.none("Allure's generator exited " + p.exitValue() + "; see " + log);
            }
            unpackHistory(index, out.resolve("history"));
            return new Outcome(Optional.of(index), "");
        } catch (IOException e) {
            return Outcome.none("Allure's generator could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.none("interrupted while generating the Allure report");
        }
    }

    private static String reportName(RunDirectory run) {
        return "restorecheck " + run.path().getFileName();
    }

    /** Where the report went, or why it was not generated. */
    record Outcome(Optional<Path> index, String reason) {
        static Outcome none(String reason) {
            return new Outcome(Optional.empty(), reason);
        }
    }

    static Optional<Path> home() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(h -> Files.isRegularFile(h.resolve("bin/allure")));
        }
        try {
            // target/restorecheck.jar or target/classes: the generator sits beside them in target/.
            Path code = Path.of(AllureReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path unpacked = code.getParent().resolve("allure-commandline");
            if (!Files.isDirectory(unpacked)) {
                return Optional.empty();
            }
            try (Stream<Path> homes = Files.list(unpacked)) {
                Optional<Path> home = homes.filter(h -> Files.isRegularFile(h.resolve("bin/allure")))
                        .max(Comparator.naturalOrder());
                home.ifPresent(h -> h.resolve("bin/allure").toFile().setExecutable(true));
                return home;
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The newest earlier run in the same reports root whose Allure report has a history. */
    static Optional<Path> previousHistory(RunDirectory run) throws IOException {
        try (Stream<Path> runs = Files.list(run.reportsRoot())) {
            List<Path> earlier = runs.filter(p -> !p.equals(run.path()) && !Files.isSymbolicLink(p))
                    .filter(p -> Files.isDirectory(p.resolve("allure-report/history")))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
            return earlier.isEmpty() ? Optional.empty()
                    : Optional.of(earlier.get(earlier.size() - 1).resolve("allure-report/history"));
        }
    }

    /** The single-file report's inline files: {@code d('history/history.json','<base64>')}. */
    private static final Pattern INLINE = Pattern.compile("d\\('(history/[A-Za-z0-9._-]+)','([A-Za-z0-9+/=]*)'\\)");

    /** Writes the history files the single-file report embeds into {@code history}; returns how many. */
    static int unpackHistory(Path index, Path history) throws IOException {
        Matcher m = INLINE.matcher(Files.readString(index));
        int n = 0;
        while (m.find()) {
            Files.createDirectories(history);
            String file = m.group(1).substring("history/".length());
            Files.write(history.resolve(file), Base64.getDecoder().decode(m.group(2)));
            n++;
        }
        return n;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            // Without history the report still works; only its trend graphs start over.
        }
    }
}
