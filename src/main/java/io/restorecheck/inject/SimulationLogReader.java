package io.restorecheck.inject;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams Gatling's binary {@code simulation.log} (Gatling 3.10+, written by its {@code LogFileDataWriter}):
 * big-endian {@code DataOutput}; a record type byte; strings as int length, the String's internal bytes and a coder
 * byte (0 LATIN1, 1 UTF16 in native order: little-endian on the machines Gatling runs on); names and messages as
 * cached strings (an int index; a non-negative one is followed by the string it defines, a negative one refers to
 * -index). The cache belongs to one file, which is why logs cannot simply be concatenated.
 */
final class SimulationLogReader implements AutoCloseable {
    private final Path file;
    private final DataInputStream in;
    private final Map<Integer, String> cache = new HashMap<>();
    private final LogHeader header;
    private long records;

    SimulationLogReader(Path file) {
        this.file = file;
        try {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            int type = in.read();
            if (type != 0) {
                throw new IllegalArgumentException(file + " is not a Gatling 3.10+ simulation.log: it starts with"
                        + " record type " + type + ", not the RUN header (0)");
            }
            this.header = readHeader();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Gatling log " + file, e);
        }
    }

    LogHeader header() {
        return header;
    }

    /** The next record, or empty at the end of the file. */
    Optional<LogRecord> next() {
        try {
            int type = in.read();
            if (type < 0) {
                return Optional.empty();
            }
            records++;
            return Optional.of(switch (type) {
                case LogRecord.REQUEST -> new LogRecord.Request(groups(), cached(), in.readInt(), in.readInt(),
                        in.readBoolean(), cached());
                case LogRecord.USER -> new LogRecord.User(in.readInt(), in.readBoolean(), in.readInt());
                case LogRecord.GROUP -> new LogRecord.Group(groups(), in.readInt(), in.readInt(), in.readInt(),
                        in.readBoolean());
                case LogRecord.ERROR -> new LogRecord.Error(cached(), in.readInt());
                default -> throw new IllegalArgumentException(file + ": unknown record type " + type + " at record "
                        + records + " (a second RUN header means logs were concatenated, not merged)");
            });
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " ends inside record " + records + " (a truncated log: did"
                    + " the injector die while writing it?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Gatling log " + file, e);
        }
    }

    private LogHeader readHeader() throws IOException {
        String version = string();
        String simulation = string();
        long start = in.readLong();
        String description = string();
        int nScenarios = in.readInt();
        List<String> scenarios = new ArrayList<>(nScenarios);
        for (int i = 0; i < nScenarios; i++) {
            scenarios.add(string());
        }
        int nAssertions = in.readInt();
        List<byte[]> assertions = new ArrayList<>(nAssertions);
        for (int i = 0; i < nAssertions; i++) {
            byte[] pickled = new byte[in.readInt()];
            in.readFully(pickled);
            assertions.add(pickled);
        }
        return new LogHeader(version, simulation, start, description, scenarios, assertions);
    }

    private List<String> groups() throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return List.of();
        }
        List<String> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            groups.add(cached());
        }
        return groups;
    }

    private String cached() throws IOException {
        int index = in.readInt();
        if (index >= 0) {
            String s = string();
            cache.put(index, s);
            return s;
        }
        String s = cache.get(-index);
        if (s == null) {
            throw new IllegalArgumentException(file + ": record " + records + " refers to string " + (-index)
                    + ", which the log never defined");
        }
        return s;
    }

    private String string() throws IOException {
        int length = in.readInt();
        if (length <= 0) {
            return "";
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        int coder = in.read();
        return new String(bytes, coder == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
