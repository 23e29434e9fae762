package io.restorecheck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes {@code summary.json} (the stable contract) and {@code summary.md} (the same, for people: a table first). */
public final class SummaryWriter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryWriter() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static void write(RunDirectory run, Summary summary) {
        try {
            JSON.writeValue(run.resolve("summary.json").toFile(), summary);
            Files.writeString(run.resolve("summary.md"), markdown(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary into " + run, e);
        }
    }

    public static Summary read(Path summaryJson) throws IOException {
        return JSON.readValue(summaryJson.toFile(), Summary.class);
    }

    static String markdown(Summary s) {
        StringBuilder md = new StringBuilder();
        md.append("# restorecheck ").append(s.command()).append(": ").append(s.verdict().toUpperCase()).append("\n\n");
        // A failed preflight (database or site down) is the one line to read first; the rest was skipped for it.
        s.checks().stream().filter(c -> c.id().endsWith(".preflight") && c.status() == CheckStatus.FAILED)
                .findFirst().ifPresent(c -> md.append("**").append(escape(c.message())).append("**\n\n"));
        md.append("Started ").append(s.started()).append(", finished ").append(s.finished()).append(".\n\n");
        md.append("| check | status | measured | expected | message |\n|---|---|---|---|---|\n");
        for (CheckResult c : s.checks()) {
            md.append("| `").append(c.id()).append("` | ").append(c.status().json()).append(" | ")
                    .append(cell(c.measured(), c.unit())).append(" | ").append(cell(c.expected(), c.unit()))
                    .append(" | ").append(escape(c.message())).append(" |\n");
        }
        if (!s.metrics().isEmpty()) {
            md.append("\n## Metrics\n\n```json\n");
            try {
                md.append(JSON.writeValueAsString(Map.copyOf(s.metrics())));
            } catch (IOException e) {
                md.append(s.metrics());
            }
            md.append("\n```\n");
        }
        return md.toString();
    }

    private static String cell(Object value, String unit) {
        if (value == null) {
            return "";
        }
        return escape(value + (unit == null || unit.isEmpty() ? "" : " " + unit));
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", "<br>");
    }
}
