package io.restorecheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The time-outs of short-lived commands fire, and nothing they started is left running. */
class ProcessesTest {
    @Test
    void commandThatNeverEndsIsKilledAtItsTimeOutWithItsOutput() {
        long started = System.nanoTime();
        LabException e = assertThrows(LabException.class,
                () -> Processes.run(List.of("sh", "-c", "echo waiting; exec sleep 60"), 1));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertTrue(e.getMessage().contains("did not finish within 1 s") && e.getMessage().contains("waiting"),
                e.getMessage());
    }

    @Test
    void grandchildHoldingTheOutputOpenDoesNotBlockTheCommand() {
        long started = System.nanoTime();
        String out = Processes.run(List.of("sh", "-c", "sleep 60 & echo $!"), 5);
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        long pid = Long.parseLong(out.trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(seconds < 5, "the read waited for the grandchild: " + seconds + " s");
    }

    @Test
    void stopEscalatesToKillWhenTermIsIgnored() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "trap '' TERM; while true; do sleep 0.1; done").start();
        Thread.sleep(300);
        long started = System.nanoTime();
        Processes.stop(p);
        assertFalse(p.isAlive());
        assertEquals(0, p.descendants().filter(ProcessHandle::isAlive).count());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() <= Processes.STOP_GRACE_SECONDS + 2);
    }
}
