package io.restorecheck.lab;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends POSIX signals: Java can only send TERM and KILL, PostgreSQL's shutdown modes need INT and QUIT. */
final class Signals {
    private Signals() {
    }

    static void send(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new LabException("could not send SIG" + signal + " to pid " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when this JVM runs with effective uid 0, where PostgreSQL refuses to start. */
    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}
