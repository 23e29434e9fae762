package io.restorecheck.siteinit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandFoldersTest {
    @Test
    void doubleQuotedPathEndingInPercentFNamesItsFolder() {
        assertEquals(Optional.of(Path.of("/srv/wal archive")),
                CommandFolders.archiveFolder("cp \"/srv/wal archive/%f\" \"%p\"", p -> false));
    }

    @Test
    void singleQuotedFolderJoinedToPercentFNamesItsFolder() {
        assertEquals(Optional.of(Path.of("/tmp/a\"$x'%f/wal")),
                CommandFolders.archiveFolder("cp '/tmp/a\"$x'\\''%%f/wal/'%f '%p'", p -> false));
    }

    @Test
    void aHelperGivenTheFolderAsItsOwnWordNamesItWhenItHoldsSegments(@TempDir Path dir) throws Exception {
        Path archive = Files.createDirectory(dir.resolve("wal"));
        String command = "'/usr/bin/java' -cp '/x.jar' tool restore '" + archive + "' '%f' '%p'";
        assertEquals(Optional.of(archive), CommandFolders.archiveFolder(command, archive::equals));
        assertEquals(Optional.empty(), CommandFolders.archiveFolder(command, p -> false));
    }

    @Test
    void wordsFollowTheShellsQuoting() {
        assertEquals(List.of("cp", "/a b/%f", "%p"), CommandFolders.words("cp '/a b/'%f \"%p\""));
        assertEquals(List.of("test", "!", "-f", "/w/%f", "cp", "%p", "/w/%f"),
                CommandFolders.words("test ! -f '/w/'%f && cp '%p' '/w/'%f"));
    }
}
