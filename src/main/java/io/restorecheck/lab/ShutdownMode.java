package io.restorecheck.lab;

/** PostgreSQL's shutdown modes and the postmaster signal for each. */
public enum ShutdownMode {
    /** Roll back sessions, checkpoint, stop (SIGINT). */
    FAST("INT"),
    /** Stop at once without a checkpoint, as a crashed host would (SIGQUIT): recovery runs at the next start. */
    IMMEDIATE("QUIT");

    final String signal;

    ShutdownMode(String signal) {
        this.signal = signal;
    }
}
