package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveCommandsTest {
    @Test
    void commandsThatStoreNothingAreNoOps() {
        for (String c : List.of("", "  ", "true", "/bin/true", "/usr/bin/true", "exit 0", "exit", ":", "true;",
                "sh -c 'true'", "/bin/sh -c \"exit 0\"", "echo %p", "sleep 1", "/usr/local/bin/archive.sh")) {
            assertTrue(ArchiveCommands.whyNoOp(c).isPresent(), "'" + c + "' should be a no-op");
        }
    }

    @Test
    void commandsThatCopyTheSegmentAreNot() {
        for (String c : List.of("cp %p /archive/%f", "test ! -f /a/%f && cp %p /a/%f", "pgbackrest --stanza=main "
                + "archive-push %p", "wal-g wal-push %p", "echo %p > /tmp/last && cp %p /a/%f",
                "rsync -a %p backup:/wal/%f")) {
            assertTrue(ArchiveCommands.whyNoOp(c).isEmpty(), "'" + c + "' should archive");
        }
    }
}
