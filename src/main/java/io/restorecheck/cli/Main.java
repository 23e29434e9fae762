package io.restorecheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code restorecheck} command line: subcommands per DESIGN §2, exit codes mapped in {@link ExitCodes}. */
@Command(name = "restorecheck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Proves a restored PostgreSQL-backed website is whole, correct and fast.",
        subcommands = {DemoCommand.class, AcceptCommand.class, WalCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 all checks passed, 1 a check failed, 2 usage or configuration error,",
                "3 the harness could not run or was interrupted (a partial report is still written)."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
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
