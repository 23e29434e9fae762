package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restorecheck.report.SummaryWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drill --lab}: healthy, and each break seen failing its check with the evidence named. */
class DrillIT {
    @TempDir
    Path reports;

    private JsonNode drill(int expectedCode, String... breaks) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("drill", "--lab", "--pages", "300",
                "--reports", reports.toString()));
        for (String b : breaks) {
            args.add("--break");
            args.add(b);
        }
        int code = Main.run(args.toArray(String[]::new));
        JsonNode summary = SummaryWriter.json().readTree(reports.resolve("latest/summary.json").toFile());
        assertEquals(expectedCode, code, summary.toPrettyString());
        return summary;
    }

    private static JsonNode check(JsonNode summary, String id) {
        for (JsonNode c : summary.get("checks")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + summary);
    }

    @Test
    void healthyLabDrillPassesWithPhasesRecoveryPointTablesAndAmcheck() throws Exception {
        JsonNode s = drill(0);
        JsonNode m = s.get("metrics").get("drill");
        for (String phase : new String[] {"fetch", "start", "consistency", "replay", "promote", "total"}) {
            assertTrue(m.get("restore_seconds").has(phase), phase);
        }
        assertTrue(m.get("replay_mb_per_s").asDouble() > 0, m.toPrettyString());
        assertTrue(m.get("wal_bytes").asLong() > 0);
        assertTrue(m.hasNonNull("recovery_point"));
        assertEquals(2, m.get("tables_compared").asInt());
        assertTrue(m.get("amcheck").get("blocks").asLong() > 0);
        assertEquals(m.get("amcheck").get("relations_total").asInt(), m.get("amcheck").get("relations").asInt());
        assertTrue(s.get("metrics").get("lab").get("edits_on_primary").asInt() > 0, "the primary stayed live");
        assertTrue(Files.exists(reports.resolve("latest/drill-trend.png")));
        assertEquals(1, Files.readAllLines(reports.resolve("drill-history/drill-history.jsonl")).size());
    }

    @Test
    void corruptBackupFailsAmcheckNamingRelationAndBlock() throws Exception {
        JsonNode c = check(drill(1, "corrupt-backup"), "drill.amcheck");
        assertEquals("failed", c.get("status").asText());
        assertTrue(c.get("message").asText().matches("(?s).*public\\.allpages block \\d+.*"), c.toPrettyString());
    }

    @Test
    void walGapFailsRecoveryPointNamingTheMissingSegment() throws Exception {
        JsonNode s = drill(1, "wal-gap");
        JsonNode c = check(s, "drill.recovery-point");
        assertEquals("failed", c.get("status").asText());
        assertTrue(c.get("message").asText().matches("(?s).*segment [0-9A-F]{24} is missing.*"), c.toPrettyString());
        assertEquals("passed", check(s, "drill.restore").get("status").asText());
    }

    @Test
    void aRestoreBudgetTooSmallFailsRestoreTime() throws Exception {
        JsonNode c = check(drill(1, "restore-budget"), "drill.restore-time");
        assertEquals("failed", c.get("status").asText());
        assertTrue(c.get("message").asText().contains("over drill.max-restore-time 0.1 s"), c.toPrettyString());
    }
}
