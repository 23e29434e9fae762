package io.restorecheck.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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
 * The history rules of {@link BenchHistory} for any record type (the drill's history uses them): one record as
 * compact JSON per line, oldest first, append-only; a line that does not parse or lacks a required field stops
 * the load with a {@link HistoryError} naming the file and line; a line left unterminated by a killed writer is
 * not glued to the next record.
 */
public final class JsonLines {
    private JsonLines() {
    }

    /** Every record of {@code file}, oldest first; empty when it does not exist yet. */
    public static <T> List<T> load(Path file, Class<T> type, List<String> required) {
        return load(file, type, required, "record");
    }

    /**
     * As {@link #load(Path, Class, List)}, naming a line that is not one a {@code noun} (e.g. "bench record").
     */
    static <T> List<T> load(Path file, Class<T> type, List<String> required, String noun) {
        List<T> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (!line.isBlank()) {
                    records.add(parse(file, lineNo, line, type, required, noun));
                }
            }
        } catch (NoSuchFileException missing) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history " + file, e);
        }
        return List.copyOf(records);
    }

    /** Appends one record as one line, creating the folder and the file when needed. */
    public static void append(Path file, Object record) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            String line = SummaryWriter.json().writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(record) + "\n";
            if (endsWithoutNewline(file)) {
                line = "\n" + line;
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the history " + file, e);
        }
    }

    private static <T> T parse(Path file, int lineNo, String line, Class<T> type, List<String> required,
                                 String noun) {
        try {
            JsonNode node = SummaryWriter.json().readTree(line);
            if (node == null || !node.isObject()) {
                throw new HistoryError(file, lineNo, "not a JSON object: " + abbreviate(line));
            }
            for (String key : required) {
                if (!node.hasNonNull(key)) {
                    throw new HistoryError(file, lineNo, "'" + key + "' is missing: " + abbreviate(line));
                }
            }
            // Unknown fields are tolerated so that a newer harness can add fields without breaking older histories.
            return SummaryWriter.json().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readValue(node);
        } catch (JsonProcessingException e) {
            throw new HistoryError(file, lineNo, "not a " + noun + " (" + e.getOriginalMessage() + "): "
                    + abbreviate(line), e);
        } catch (IllegalArgumentException e) {
            throw new HistoryError(file, lineNo, e.getMessage() + ": " + abbreviate(line), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history " + file, e);
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
