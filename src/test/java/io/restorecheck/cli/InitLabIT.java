package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first run on a new site, on the lab: init from the database URL and the site URL alone, accept on the written
 * file without an edit, then the editing loop: a misspelled column is named by accept --dry-run within seconds.
 */
class InitLabIT {
    @TempDir
    Path reports;

    @AfterEach
    void down() {
        Main.run("lab", "down", "--reports", reports.toString());
    }

    @Test
    void initOnTheLabWritesAConfigAcceptPassesUnchangedAndDryRunNamesAMisspelledColumn() throws Exception {
        assertEquals(0, Main.run("lab", "up", "--reports", reports.toString(), "--pages", "300"));
        @SuppressWarnings("unchecked")
        Map<String, Object> state = SummaryWriter.json().readValue(reports.resolve("lab/lab.json").toFile(), Map.class);
        Path conf = reports.resolve("x.conf");

        String init = captured(() -> Main.run("init", "--database", (String) state.get("database"), "--user",
                "postgres", "--site", (String) state.get("wiki"), "-o", conf.toString()), 0);
        assertTrue(init.contains("(complete)"), init);
        String text = Files.readString(conf);
        @SuppressWarnings("unchecked")
        String memcached = (String) ((Map<String, Object>) state.get("memcached")).get("address");
        assertTrue(text.contains("servers = [\"" + memcached + "\"]"), text);
        assertTrue(text.contains("wal-archive = \"" + state.get("wal_archive") + "\""), text);

        int accepted = Main.run("accept", "-c", conf.toString(), "--reports", reports.toString());
        Summary summary = SummaryWriter.read(reports.resolve("latest/summary.json"));
        assertEquals(0, accepted, "accept on init's config: " + summary.checks().stream()
                .filter(c -> c.status() != CheckStatus.PASSED).map(c -> c.id() + " " + c.status() + ": "
                        + c.message()).toList());
        assertTrue(summary.checks().stream().anyMatch(c -> c.id().equals("integrity.tables.content")
                && c.status() == CheckStatus.PASSED), "the tables were compared with the reference");

        Path typo = reports.resolve("typo.conf");
        Files.writeString(typo, text.replace("key = [\"name\", \"edittime\"]", "key = [\"name\", \"edittme\"]"));
        long t0 = System.nanoTime();
        String dry = captured(() -> Main.run("accept", "--dry-run", "-c", typo.toString()), 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(dry.contains("no column edittme"), dry);
        assertTrue(dry.contains("integrity.tables[0].key (" + typo + ":"), dry);
        assertTrue(seconds < 10, "dry run took " + seconds + " s");
    }

    /** Runs a command with System.out captured (and echoed); asserts its exit code. */
    private static String captured(java.util.function.IntSupplier command, int expectedExit) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = command.getAsInt();
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        old.print(out);
        assertEquals(expectedExit, code, out);
        return out;
    }
}
