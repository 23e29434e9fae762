package io.restorecheck.cli;

/** A command line that cannot be run as given (exit 2); the message says what to change. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
