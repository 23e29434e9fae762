package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeCommandTest {
    @Test
    void waitDurationsReadLikeTheConfigsDurations() {
        assertEquals(Duration.ofSeconds(120), SmokeCommand.parseDuration("--wait", "120s"));
        assertEquals(Duration.ofMinutes(2), SmokeCommand.parseDuration("--wait", "2m"));
        assertEquals(Duration.ofSeconds(30), SmokeCommand.parseDuration("--wait", "30"));
        assertEquals(Duration.ofMillis(500), SmokeCommand.parseDuration("--wait", "500ms"));
        assertThrows(UsageError.class, () -> SmokeCommand.parseDuration("--wait", "soon"));
        assertThrows(UsageError.class, () -> SmokeCommand.parseDuration("--wait", "2h"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, Main.run("smoke", "-c", "/nonexistent/site.conf"));
        assertEquals(ExitCodes.USAGE, Main.run("smoke", "-c", "/nonexistent/site.conf", "--wait", "later"));
        assertEquals(ExitCodes.USAGE, Main.run("smoke", "-c", "/nonexistent/site.conf", "--report", "huge"));
        assertEquals(ExitCodes.USAGE, Main.run("lab", "restart", "--reports", "/nonexistent-reports", "--break",
                "wal-gap"));
    }
}
