package io.restorecheck.inject;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code simulation.log} Gatling's own reader accepts, in the format {@link SimulationLogReader} reads,
 * with one string cache for the whole file (indexes from 1, in order of first use, as Gatling's writer does).
 */
final class SimulationLogWriter implements AutoCloseable {
    private final Path file;
    private final DataOutputStream out;
    private final Map<String, Integer> cache = new HashMap<>();

    SimulationLogWriter(Path file, LogHeader header) {
        this.file = file;
        try {
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            out.writeByte(0);
            string(header.gatlingVersion());
            string(header.simulationClass());
            out.writeLong(header.startMillis());
            string(header.description());
            out.writeInt(header.scenarios().size());
            for (String s : header.scenarios()) {
                string(s);
            }
            out.writeInt(header.assertions().size());
            for (byte[] a : header.assertions()) {
                out.writeInt(a.length);
                out.write(a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void write(LogRecord record) {
        try {
            if (record instanceof LogRecord.Request r) {
                out.writeByte(LogRecord.REQUEST);
                groups(r.groups());
                cached(r.name());
                out.writeInt(r.startMs());
                out.writeInt(r.endMs());
                out.writeBoolean(r.ok());
                cached(r.message());
            } else if (record instanceof LogRecord.User u) {
                out.writeByte(LogRecord.USER);
                out.writeInt(u.scenario());
                out.writeBoolean(u.start());
                out.writeInt(u.timestampMs());
            } else if (record instanceof LogRecord.Group g) {
                out.writeByte(LogRecord.GROUP);
                groups(g.groups());
                out.writeInt(g.startMs());
                out.writeInt(g.endMs());
                out.writeInt(g.cumulatedMs());
                out.writeBoolean(g.ok());
            } else if (record instanceof LogRecord.Error e) {
                out.writeByte(LogRecord.ERROR);
                cached(e.message());
                out.writeInt(e.timestampMs());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void groups(List<String> groups) throws IOException {
        out.writeInt(groups.size());
        for (String g : groups) {
            cached(g);
        }
    }

    private void cached(String s) throws IOException {
        Integer index = cache.get(s);
        if (index != null) {
            out.writeInt(-index);
            return;
        }
        index = cache.size() + 1;
        cache.put(s, index);
        out.writeInt(index);
        string(s);
    }

    private void string(String s) throws IOException {
        if (s.isEmpty()) {
            out.writeInt(0);
            return;
        }
        boolean latin1 = s.chars().allMatch(c -> c <= 0xFF);
        byte[] bytes = s.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.writeByte(latin1 ? 0 : 1);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
