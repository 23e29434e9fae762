package io.restorecheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code restorecheck} command line: subcommands per DESIGN §2, exit codes mapped in {@link ExitCodes}. */
@Command(name = "restorecheck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Proves a restored PostgreSQL-backed website is whole, correct and fast.",
        subcommands = {DemoCommand.class, AcceptCommand.class, InitCommand.class, WalCommand.class, LabCommand.class,
                BenchCommand.class, TuneCommand.class, CompareCommand.class, SmokeCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes:", "  0  all checks passed", "  1  at least one check failed",
                "  2  usage or configuration error (the key, file and line are named)",
                "  3  the harness could not run or was interrupted (a partial report is written)",
                "", "Start with: restorecheck demo"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Ctrl-C: exit 3 (interrupted) through the shutdown hooks, which stop the child processes and write the
        // partial report; the JVM's default would be 130.
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> System.exit(ExitCodes.HARNESS));
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs a command line with its output and errors going to the given writers (for tests). */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(ExitCodes.handler())
                .setExitCodeExceptionMapper(ExitCodes::of);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'restorecheck demo'");
    }
}
