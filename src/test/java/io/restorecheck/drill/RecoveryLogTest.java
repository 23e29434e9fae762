package io.restorecheck.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryLogTest {
    private static final List<String> PG15 = List.of(
            "2026-12-05 17:01:50.100 UTC [10] LOG:  starting PostgreSQL 15.19 on x86_64-pc-linux-gnu",
            "2026-12-05 17:01:50.200 UTC [12] LOG:  starting archive recovery",
            "2026-12-05 17:01:50.400 UTC [12] LOG:  restored log file \"000000010000000000000003\" from archive",
            "2026-12-05 17:01:50.500 UTC [12] LOG:  redo starts at 0/3000028",
            "2026-12-05 17:01:50.700 UTC [12] LOG:  consistent recovery state reached at 0/3000100",
            "2026-12-05 17:01:50.701 UTC [10] LOG:  database system is ready to accept read-only connections",
            "cp: cannot stat '/srv/wal/000000010000000000000009': No such file or directory",
            "2026-12-05 17:01:52.500 UTC [12] LOG:  redo done at 0/80023B0 system usage: CPU: user: 0.1 s",
            "2026-12-05 17:01:52.500 UTC [12] LOG:  last completed transaction was at log time "
                    + "2026-12-05 17:01:48.849946+00",
            "2026-12-05 17:01:52.600 UTC [12] LOG:  selected new timeline ID: 2",
            "2026-12-05 17:01:52.700 UTC [12] LOG:  archive recovery complete",
            "2026-12-05 17:01:52.900 UTC [10] LOG:  database system is ready to accept connections");

    @Test
    void phasesAndPositionsComeFromTheServersOwnLog() {
        RecoveryLog log = RecoveryLog.parse(PG15);
        assertEquals("0/3000028", log.redoStarts().orElseThrow().lsn());
        assertEquals("0/80023B0", log.redoDone().orElseThrow().lsn());
        assertEquals(Instant.parse("2026-12-05T17:01:48.849946Z"), log.lastCommit().orElseThrow());
        assertEquals(2, log.newTimeline().orElseThrow());
        Phases p = Phases.of(3.0, Instant.parse("2026-12-05T17:01:50.000Z"), log,
                Instant.parse("2026-12-05T17:01:53.500Z"));
        assertEquals(0.5, p.startSeconds(), 1e-9);
        assertEquals(0.2, p.consistencySeconds(), 1e-9);
        assertEquals(1.8, p.replaySeconds(), 1e-9);
        assertEquals(0.4, p.promoteSeconds(), 1e-9, "ready for writes, not the read-only line");
        assertEquals(5.9, p.totalSeconds(), 1e-9);
    }

    @Test
    void aLogWithoutRecoveryLinesLeavesPhasesAtZeroAndTheTotalMeasured() {
        RecoveryLog log = RecoveryLog.parse(List.of("garbage", "2026-12-05 17:01:50.100 UTC [10] LOG:  hello"));
        assertTrue(log.redoDone().isEmpty());
        Phases p = Phases.of(1.0, Instant.parse("2026-12-05T17:01:50Z"), log, Instant.parse("2026-12-05T17:01:52Z"));
        assertEquals(3.0, p.totalSeconds(), 1e-9);
    }
}
