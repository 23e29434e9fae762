package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectorsOptionTest {
    @TempDir
    Path dir;

    @Test
    void injectorCountOutOfRangeIsAUsageErrorOnAcceptAndBench() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:1" }
                database { url = "jdbc:postgresql://127.0.0.1:1/x", user = x }
                """);
        String reports = dir.resolve("reports").toString();
        for (String command : new String[] {"accept", "bench"}) {
            StringWriter err = new StringWriter();
            int exit = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), command,
                    "--reports", reports, "-c", conf.toString(), "--injectors", "0");
            assertEquals(2, exit, command + ": " + err);
            assertTrue(err.toString().contains("--injectors 0: must be between 1 and 1000"), err.toString());
        }
        assertFalse(Files.exists(dir.resolve("reports")), "nothing written");
    }
}
