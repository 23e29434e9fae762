package io.restorecheck.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.restorecheck.report.SummaryWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark history: {@code <dir>/bench-history.jsonl}, one {@link BenchRecord} as compact JSON per line, oldest
 * first. Append-only: a run adds one line and never rewrites the others, so a history shared by CI jobs and kept as a
 * build artifact only grows. A line that does not parse stops the load with its file and line number: a judgement on
 * a silently shortened history would be wrong.
 */
public final class BenchHistory {
    /** The history file's name inside the history folder. */
    public static final String FILE_NAME = "bench-history.jsonl";

    private static final String[] REQUIRED = {"time", "throughput", "p50_ms", "p95_ms", "p99_ms", "error_ratio"};
    private static final ObjectWriter LINE = SummaryWriter.json().writerFor(BenchRecord.class)
            .without(SerializationFeature.INDENT_OUTPUT);
    // Unknown fields are tolerated so that a newer harness can add fields without breaking older histories.
    private static final ObjectReader READ = SummaryWriter.json().readerFor(BenchRecord.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private BenchHistory() {
    }

    /** The history file inside {@code dir}. */
    public static Path file(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    /**
     * Every record of the history in {@code dir}, oldest first; empty when the file does not exist yet. Blank lines
     * are skipped.
     *
     * @throws HistoryError when a line is not a valid record (the message names the file and the 1-based line)
     */
    public static List<BenchRecord> load(Path dir) {
        Path file = file(dir);
        List<BenchRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (!line.isBlank()) {
                    records.add(parse(file, lineNo, line));
                }
            }
        } catch (NoSuchFileException missing) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bench history " + file, e);
        }
        return List.copyOf(records);
    }

    /** Appends one record as one line, creating the folder and the file when needed. */
    public static void append(Path dir, BenchRecord record) {
        Path file = file(dir);
        try {
            Files.createDirectories(dir);
            String line = LINE.writeValueAsString(record) + "\n";
            // A previous writer killed mid-line leaves no newline at the end: start on a fresh line so that only
            // the damaged line is reported by load, not this one as well.
            if (endsWithoutNewline(file)) {
                line = "\n" + line;
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the bench history " + file, e);
        }
    }

    private static BenchRecord parse(Path file, int lineNo, String line) {
        try {
            JsonNode node = SummaryWriter.json().readTree(line);
            if (node == null || !node.isObject()) {
                throw new HistoryError(file, lineNo, "not a JSON object: " + abbreviate(line));
            }
            for (String key : REQUIRED) {
                if (!node.hasNonNull(key)) {
                    throw new HistoryError(file, lineNo, "'" + key + "' is missing: " + abbreviate(line));
                }
            }
            return READ.readValue(node);
        } catch (JsonProcessingException e) {
            throw new HistoryError(file, lineNo, "not a bench record (" + e.getOriginalMessage() + "): "
                    + abbreviate(line), e);
        } catch (IllegalArgumentException e) {
            throw new HistoryError(file, lineNo, e.getMessage() + ": " + abbreviate(line), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bench history " + file, e);
        }
    }

    private static boolean endsWithoutNewline(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length == 0) {
                return false;
            }
            raf.seek(length - 1);
            return raf.read() != '\n';
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
