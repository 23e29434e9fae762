package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void needsEitherTheLabOrASiteWithAnApplyCommand() throws Exception {
        Path matrix = Files.writeString(dir.resolve("m.conf"), "memcached { memory-mb = [1, 64] }\n");
        Path reports = dir.resolve("reports");

        String[] neither = run("tune", "--matrix", matrix.toString(), "--reports", reports.toString());
        String[] noApply = run("tune", "-c", matrix.toString(), "--matrix", matrix.toString(), "--reports",
                reports.toString());
        String[] both = run("tune", "--lab", "--apply", "true", "--matrix", matrix.toString(), "--reports",
                reports.toString());

        assertEquals("2", neither[0]);
        assertTrue(neither[1].contains("either --lab or -c site.conf --apply CMD"), neither[1]);
        assertEquals("2", noApply[0]);
        assertTrue(noApply[1].contains("-c needs --apply CMD"), noApply[1]);
        assertEquals("2", both[0]);
        assertTrue(Files.notExists(reports), "nothing runs on a usage error");
    }

    @Test
    void badMatrixIsExitTwoNamingFileLineAndKey() throws Exception {
        Path matrix = Files.writeString(dir.resolve("m.conf"), "repeats = 3\npostgres { port = [5432] }\n");

        String[] result = run("tune", "--lab", "--matrix", matrix.toString(), "--reports", dir.toString());

        assertEquals("2", result[0]);
        assertTrue(result[1].contains(matrix + ":2: 'postgres.port' is managed by the harness"), result[1]);
    }
}
