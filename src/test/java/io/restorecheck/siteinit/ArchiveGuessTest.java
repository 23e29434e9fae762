package io.restorecheck.siteinit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The archive folder read out of restore and archive commands as operators write them (see also CommandFoldersTest). */
class ArchiveGuessTest {
    @Test
    void folderOfTheWordHoldingPercentF() {
        assertEquals(Optional.of(Path.of("/srv/wal")), ArchiveGuess.pathOfF("cp \"/srv/wal/%f\" \"%p\""));
        assertEquals(Optional.of(Path.of("/srv/my wal")), ArchiveGuess.pathOfF("cp '/srv/my wal/'%f '%p'"));
        assertEquals(Optional.of(Path.of("/srv/wal")), ArchiveGuess.pathOfF(
                "test ! -f /srv/wal/%f && cp %p /srv/wal/%f"));
        assertEquals(Optional.of(Path.of("/srv/wal")), ArchiveGuess.pathOfF("gunzip < /srv/wal/%f.gz > %p"));
        assertEquals(Optional.of(Path.of("/srv/100%")), ArchiveGuess.pathOfF("cp '/srv/100%%/'%f '%p'"));
    }

    @Test
    void backupToolCommandsNameNoFolder() {
        assertEquals(Optional.empty(), ArchiveGuess.pathOfF("pgbackrest --stanza=main archive-get %f \"%p\""));
    }
}
