package io.restorecheck.cli;

import io.restorecheck.demo.DemoOptions;
import io.restorecheck.demo.LabServer;
import io.restorecheck.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code restorecheck lab up|down|restart}: the restored sample stack, left running for trying {@code accept} and
 * {@code smoke} by hand; {@code restart} is a reboot without a machine.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Starts the sample stack as the demo leaves it (restored) and keeps it running, restarts every "
                + "service of it, or stops it.",
        subcommands = {LabCommand.Up.class, LabCommand.Down.class, LabCommand.Restart.class, LabCommand.Serve.class})
final class LabCommand implements Runnable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "lab needs a subcommand: up, down or restart");
    }

    static Path labDir(Path reportsRoot) {
        return reportsRoot.resolve("lab");
    }

    /** The running lab's process, if the pid file names a live one. */
    static Optional<ProcessHandle> running(Path labDir) {
        Path pid = labDir.resolve(LabServer.PID);
        try {
            return Files.isRegularFile(pid)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).filter(ProcessHandle::isAlive)
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Starts primary, archive, base backup, edits, outage and restore as the demo does, then "
                    + "leaves the restored stack running in the background and writes <reports>/lab/site.conf.",
                    "Then: restorecheck accept -c <reports>/lab/site.conf; stop it with restorecheck lab down."})
    static final class Up implements Callable<Integer> {
        @Mixin
        ReportsOption reports;

        @Option(names = "--pages", paramLabel = "N", defaultValue = "6000",
                description = "Pages the sample wiki starts with (default: ${DEFAULT-VALUE}).")
        int pages;

        @Option(names = "--pg-bin", paramLabel = "DIR", description = "PostgreSQL binaries instead of zonky's.")
        Path pgBin;

        @Option(names = "--pg-major", paramLabel = "N",
                description = "PostgreSQL major (13-18) of the lab (default: 15); fetched from Maven Central once.")
        Integer pgMajor;

        @Override
        public Integer call() throws Exception {
            if (pages < 10 || pages > 50_000) {
                throw new UsageError("--pages must be between 10 and 50000, got " + pages);
            }
            int major = DemoCommand.pgMajor(pgBin, pgMajor);
            Path dir = labDir(reports.reportsRoot);
            Optional<ProcessHandle> already = running(dir);
            if (already.isPresent()) {
                throw new UsageError("a lab is already running (pid " + already.get().pid() + ", config "
                        + dir.resolve(LabServer.SITE_CONF) + "); stop it first with: restorecheck lab down");
            }
            Files.createDirectories(dir);
            for (String f : new String[] {LabServer.SITE_CONF, LabServer.STATE, LabServer.PID}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Path log = dir.resolve("lab.log");
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid"); // its own session: the terminal's Ctrl-C does not reach it
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lab", "serve",
                    "--reports", reports.reportsRoot.toString(), "--pages", Integer.toString(pages)));
            if (pgBin != null) {
                command.addAll(List.of("--pg-bin", pgBin.toString()));
            } else {
                command.addAll(List.of("--pg-major", Integer.toString(major)));
            }
            Process server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            System.out.println("[lab] starting the sample stack in the background (log " + log + ")");
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            int shown = 0;
            while (!Files.isRegularFile(dir.resolve(LabServer.SITE_CONF))) {
                shown = echo(log, shown);
                if (!server.isAlive()) {
                    throw new LabException("the lab stopped while starting (exit " + server.exitValue() + "); see "
                            + log);
                }
                if (System.nanoTime() > deadline) {
                    server.destroy();
                    throw new LabException("the lab was not ready within " + READY_TIMEOUT.toMinutes() + " min; see "
                            + log);
                }
                Thread.sleep(200);
            }
            echo(log, shown);
            Files.writeString(dir.resolve(LabServer.PID), server.pid() + "\n");
            System.out.println("[lab] running (pid " + server.pid() + "). Site config: " + dir.resolve(LabServer.SITE_CONF));
            System.out.println("[lab] try: ./restorecheck accept -c " + dir.resolve(LabServer.SITE_CONF)
                    + "   stop: ./restorecheck lab down");
            return ExitCodes.PASS;
        }

        /** Prints the log lines written since the last call: the lab's own progress lines. */
        private static int echo(Path log, int shown) throws IOException {
            if (!Files.isRegularFile(log)) {
                return shown;
            }
            List<String> lines = Files.readAllLines(log);
            for (int i = shown; i < lines.size(); i++) {
                System.out.println(lines.get(i));
            }
            return lines.size();
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops the lab 'lab up' started.")
    static final class Down implements Callable<Integer> {
        @Mixin
        ReportsOption reports;

        @Override
        public Integer call() throws Exception {
            Path dir = labDir(reports.reportsRoot);
            Optional<ProcessHandle> lab = running(dir);
            if (lab.isEmpty()) {
                System.out.println("[lab] no lab is running (nothing in " + dir + ")");
                Files.deleteIfExists(dir.resolve(LabServer.PID));
                return ExitCodes.PASS;
            }
            List<ProcessHandle> children = lab.get().descendants().toList();
            lab.get().destroy(); // SIGTERM: its shutdown hook stops PostgreSQL, memcached and the wiki
            try {
                lab.get().onExit().get(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new LabException("the lab (pid " + lab.get().pid() + ") did not stop within "
                        + STOP_TIMEOUT.toSeconds() + " s; see " + dir.resolve("lab.log"));
            }
            for (ProcessHandle child : children) {
                child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            Files.deleteIfExists(dir.resolve(LabServer.PID));
            System.out.println("[lab] stopped (pid " + lab.get().pid() + " and " + children.size()
                    + " child processes)");
            return ExitCodes.PASS;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = {"Stops every service of the running lab (wiki, memcached, PostgreSQL) and starts them "
                    + "again on the same ports, PostgreSQL first: a reboot without a machine. Returns once all are "
                    + "down; they come back on their own.",
                    "Then: restorecheck smoke -c <reports>/lab/site.conf --wait 2m shows when each part is back."})
    static final class Restart implements Callable<Integer> {
        private static final Duration STOPPED_TIMEOUT = Duration.ofSeconds(90);

        @Mixin
        ReportsOption reports;

        @Option(names = "--break", paramLabel = "KIND",
                description = "memcached-port: the wiki comes back pointed at a port where nothing listens, while "
                        + "site.conf still names the real memcached (the wrong-port restore). A plain restart "
                        + "repairs it.")
        String breakKind;

        @Option(names = "--down-for", paramLabel = "DURATION", defaultValue = "5s",
                description = "How long every service stays down before it starts again, as a machine takes to "
                        + "reboot (default: ${DEFAULT-VALUE}; 0s restarts at once).")
        String downFor;

        @Override
        public Integer call() throws Exception {
            Duration down = SmokeCommand.parseDuration("--down-for", downFor);
            String memcachedPort = io.restorecheck.demo.BreakKind.MEMCACHED_PORT.label();
            if (breakKind != null && !breakKind.equals(memcachedPort)) {
                throw new UsageError("--break " + breakKind + ": lab restart knows only " + memcachedPort);
            }
            Path dir = labDir(reports.reportsRoot);
            ProcessHandle lab = running(dir).orElseThrow(() -> new UsageError("no lab is running (nothing in " + dir
                    + "); start one with: restorecheck lab up"));
            Path stopped = dir.resolve(LabServer.RESTART_STOPPED);
            Files.deleteIfExists(stopped);
            Path tmp = dir.resolve(LabServer.RESTART_REQUEST + ".tmp");
            Files.writeString(tmp, (breakKind == null ? "" : "break=" + breakKind + "\n") + "down-ms="
                    + down.toMillis() + "\n");
            Files.move(tmp, dir.resolve(LabServer.RESTART_REQUEST), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            long t0 = System.nanoTime();
            long deadline = t0 + STOPPED_TIMEOUT.toNanos();
            while (!Files.exists(stopped)) {
                if (!lab.isAlive()) {
                    throw new LabException("the lab (pid " + lab.pid() + ") exited during the restart; see "
                            + dir.resolve("lab.log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new LabException("the lab (pid " + lab.pid() + ") did not stop its services within "
                            + STOPPED_TIMEOUT.toSeconds() + " s; see " + dir.resolve("lab.log"));
                }
                Thread.sleep(50);
            }
            Files.deleteIfExists(stopped);
            System.out.printf(java.util.Locale.ROOT, "[lab] every service stopped in %.1f s; they start again in "
                    + "%.1f s%s (log %s)%n", (System.nanoTime() - t0) / 1e9, down.toMillis() / 1e3, breakKind == null
                    ? "" : ", the wiki on a dead memcached port", dir.resolve("lab.log"));
            System.out.println("[lab] watch them come back: ./restorecheck smoke -c "
                    + dir.resolve(LabServer.SITE_CONF) + " --wait 2m");
            return ExitCodes.PASS;
        }
    }

    @Command(name = "serve", hidden = true, description = "The background process of 'lab up'.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        ReportsOption reports;

        @Option(names = "--pages", defaultValue = "6000")
        int pages;

        @Option(names = "--pg-bin")
        Path pgBin;

        @Option(names = "--pg-major", defaultValue = "15")
        int pgMajor;

        @Override
        public Integer call() {
            LabServer.serve(new DemoOptions(reports.reportsRoot, pages, 42, EnumSet.noneOf(
                    io.restorecheck.demo.BreakKind.class), Optional.ofNullable(pgBin), pgMajor),
                    labDir(reports.reportsRoot));
            return ExitCodes.PASS;
        }
    }
}
