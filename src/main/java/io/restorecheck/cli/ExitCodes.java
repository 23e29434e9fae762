package io.restorecheck.cli;

import io.restorecheck.config.ConfigError;
import io.restorecheck.report.Summary;
import picocli.CommandLine;

/** Exit codes of every command: the only place where outcomes and exceptions are turned into numbers. */
final class ExitCodes {
    static final int PASS = 0;
    static final int CHECKS_FAILED = 1;
    static final int USAGE = 2;
    static final int HARNESS = 3;

    private ExitCodes() {
    }

    static int of(Summary summary) {
        return "pass".equals(summary.verdict()) ? PASS : CHECKS_FAILED;
    }

    /** Maps what a command threw: bad input is 2, anything else means the harness itself could not run. */
    static int of(Throwable e) {
        if (e instanceof ConfigError || e instanceof UsageError || e instanceof CommandLine.ParameterException
                || e instanceof io.restorecheck.bench.HistoryError
                // A Debian package this machine lacks: the message is the install command to run.
                || e instanceof io.restorecheck.lab.DebianPackage.Missing) {
            return USAGE;
        }
        return HARNESS;
    }

    static CommandLine.IExecutionExceptionHandler handler() {
        return (e, commandLine, parseResult) -> {
            int code = of(e);
            if (code == USAGE) {
                // One line per problem (a config may have several), each with its own file:line: 'key'.
                for (String line : String.valueOf(e.getMessage()).split("\n")) {
                    commandLine.getErr().println("restorecheck: " + line);
                }
            } else {
                commandLine.getErr().println("restorecheck: the harness could not run: " + e);
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    commandLine.getErr().println("  caused by: " + cause);
                }
                if (System.getenv("RESTORECHECK_DEBUG") != null) {
                    e.printStackTrace(commandLine.getErr());
                }
            }
            return code;
        };
    }
}
