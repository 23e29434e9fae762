package io.restorecheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths reach /bin/sh as themselves, whatever they contain. */
class ShellCommandsTest {
    @TempDir
    Path work;

    @Test
    void shellQuotedWordIsTakenLiterallyByTheShell() throws Exception {
        for (String hostile : List.of("plain", "a\"b", "$(touch X)", "`touch X`", "it's", "''", "a\\b", "$HOME",
                "x\ny", " lead", "*", "%f")) {
            Process p = new ProcessBuilder("/bin/sh", "-c", "printf %s " + ShellCommands.shellQuote(hostile))
                    .directory(work.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor());
            assertEquals(hostile, out);
        }
        assertTrue(Files.notExists(work.resolve("X")));
    }

    @Test
    void restoreCommandQuotesTheArchiveAndDoublesItsPercentSigns() {
        assertEquals("cp '/srv/it'\\''s 100%%/'%f '%p'", ShellCommands.restoreCommand(Path.of("/srv/it's 100%")));
        assertEquals("test ! -f '/a$b/'%f && cp '%p' '/a$b/'%f", ShellCommands.archiveCommand(Path.of("/a$b")));
    }

    @Test
    void archiveHoldingCompressedSegmentsGetsTheDecompressingHelper() throws Exception {
        Files.writeString(work.resolve("000000010000000000000001.zst"), "x");
        String command = ShellCommands.restoreCommand(work);
        assertTrue(command.contains(" " + ShellCommands.ARCHIVE_FILE_TOOL + " restore '" + work + "' '%f' '%p'"),
                command);
        Class.forName(ShellCommands.ARCHIVE_FILE_TOOL); // the helper the command names exists
    }
}
