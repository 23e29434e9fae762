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

/** init's bad arguments: exit 2 naming the option, before anything is connected to or written. */
class InitCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void databaseIsRequiredAndMustBeAPostgresJdbcUrl() {
        assertEquals(2, run("init"));
        assertTrue(err.toString().contains("--database"), err.toString());
        assertEquals(2, run("init", "--database", "postgres://127.0.0.1/wiki", "-o", dir.resolve("x.conf").toString()));
        assertTrue(err.toString().contains("jdbc:postgresql://"), err.toString());
        assertFalse(Files.exists(dir.resolve("x.conf")));
    }

    @Test
    void passwordInTheUrlSiteWithoutHttpAndMissingOldConfAreRefused() {
        String db = "jdbc:postgresql://127.0.0.1:1/wiki";
        assertEquals(2, run("init", "--database", db + "?password=secret"));
        assertFalse(err.toString().contains("secret"), "the password is never echoed: " + err);
        assertEquals(2, run("init", "--database", db, "--site", "ftp://example.org"));
        assertTrue(err.toString().contains("--site"), err.toString());
        assertEquals(2, run("init", "--database", db, "--old-conf", dir.resolve("nope.conf").toString()));
        assertTrue(err.toString().contains("--old-conf"), err.toString());
        assertEquals(2, run("init", "--database", db, "-o", dir.resolve("no/such/folder/x.conf").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    @Test
    void dryRunOfAConfigThatDoesNotLoadIsAConfigError() throws Exception {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "site { base-url = \"http://127.0.0.1:1\" }\n");
        assertEquals(2, run("accept", "--dry-run", "-c", conf.toString()));
        assertTrue(err.toString().contains("database"), err.toString());
    }
}
