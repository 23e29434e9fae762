package io.restorecheck.inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Exact response times per request name: an HdrHistogram of every request's time (OK and KO, as Gatling's own
 * statistics count them) plus the OK/KO counts. Gatling logs whole milliseconds, and with 5 significant digits
 * every value up to 131,071 ms has its own bucket, so percentiles are those of the raw times (nearest rank), and
 * merging injectors' histograms gives exactly the percentiles of all their requests together. Stored as one line
 * per name: the name URL-encoded, OK, KO and the histogram in HdrHistogram's lossless compressed encoding, base64.
 */
final class Latencies {
    /** Every whole millisecond below 2^17 is its own bucket at this precision. */
    static final int SIGNIFICANT_DIGITS = 5;
    static final String FILE = "latencies.txt";

    private final Map<String, Entry> byName = new TreeMap<>();

    /** One request name's figures. */
    static final class Entry {
        final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        long ok;
        long ko;

        long count() {
            return ok + ko;
        }
    }

    /** The latencies of every request in a {@code simulation.log}. */
    static Latencies of(Path simulationLog) {
        Latencies l = new Latencies();
        try (SimulationLogReader r = new SimulationLogReader(simulationLog)) {
            for (Optional<LogRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                if (rec.get() instanceof LogRecord.Request q) {
                    l.add(q.name(), Math.max(0, q.latencyMs()), q.ok());
                }
            }
        }
        return l;
    }

    void add(String name, long latencyMs, boolean ok) {
        Entry e = byName.computeIfAbsent(name, k -> new Entry());
        e.histogram.recordValue(latencyMs);
        if (ok) {
            e.ok++;
        } else {
            e.ko++;
        }
    }

    /** Adds another injector's figures to these. */
    void add(Latencies other) {
        other.byName.forEach((name, o) -> {
            Entry e = byName.computeIfAbsent(name, k -> new Entry());
            e.histogram.add(o.histogram);
            e.ok += o.ok;
            e.ko += o.ko;
        });
    }

    Map<String, Entry> byName() {
        return byName;
    }

    /** All request names together. */
    Entry all() {
        Entry all = new Entry();
        byName.values().forEach(e -> {
            all.histogram.add(e.histogram);
            all.ok += e.ok;
            all.ko += e.ko;
        });
        return all;
    }

    void write(Path file) {
        StringBuilder sb = new StringBuilder("# request name (URL-encoded), OK, KO, HdrHistogram (compressed, base64)\n");
        byName.forEach((name, e) -> {
            ByteBuffer buffer = ByteBuffer.allocate(e.histogram.getNeededByteBufferCapacity());
            int length = e.histogram.encodeIntoCompressedByteBuffer(buffer);
            sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append(' ').append(e.ok).append(' ')
                    .append(e.ko).append(' ')
                    .append(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)))
                    .append('\n');
        });
        try {
            Files.writeString(file, sb);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    static Latencies read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an injector's latencies " + file, e);
        }
        Latencies l = new Latencies();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ");
            try {
                Entry e = new Entry();
                e.ok = Long.parseLong(f[1]);
                e.ko = Long.parseLong(f[2]);
                e.histogram.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(
                        Base64.getDecoder().decode(f[3])), 0));
                if (e.histogram.getTotalCount() != e.count()) {
                    throw new IllegalArgumentException("the histogram holds " + e.histogram.getTotalCount()
                            + " times, OK + KO = " + e.count());
                }
                l.byName.put(URLDecoder.decode(f[0], StandardCharsets.UTF_8), e);
            } catch (RuntimeException | DataFormatException e) {
                throw new IllegalArgumentException(file + " line " + n + ": not a latency line (" + e + ")", e);
            }
        }
        return l;
    }

}
