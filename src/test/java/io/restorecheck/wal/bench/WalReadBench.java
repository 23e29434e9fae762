package io.restorecheck.wal.bench;

import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.wal.ArchiveInspector;
import io.restorecheck.wal.ArchiveReport;
import io.restorecheck.wal.ArchiveScan;
import io.restorecheck.wal.Compression;
import io.restorecheck.wal.SegmentName;
import io.restorecheck.wal.TimelineReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Reader throughput on a real archive of at least 1 GB, against baselines measured in the same run: a plain
 * sequential read of the same files with CRC-32C over every whole page (the floor any reader pays), and
 * {@code pg_waldump --stats} when a pg_waldump is installed. Median of 3 after a warm-up (page cache warm for all).
 *
 * <p>Run: {@code mvn -q -DskipTests test-compile && java -cp "target/classes:target/test-classes:$(cat cp.txt)"
 * io.restorecheck.wal.bench.WalReadBench [ARCHIVE_DIR] [--size-mb N]} (see docs/wal.md). Without ARCHIVE_DIR it
 * makes one with the bundled PostgreSQL under {@code ${java.io.tmpdir}/restorecheck-walbench} and keeps it.
 */
public final class WalReadBench {
    private static final int RUNS = 3;

    private WalReadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        long sizeMb = 1100;
        List<Compression> compressions = List.of();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--size-mb")) {
                sizeMb = Long.parseLong(args[++i]);
            } else if (args[i].equals("--compressed")) {
                compressions = Arrays.stream(args[++i].split(",")).map(c -> Compression.parse(c).orElseThrow(
                        () -> new IllegalArgumentException("unknown compression " + c))).toList();
            } else {
                dir = Path.of(args[i]);
            }
        }
        if (dir == null) {
            dir = Path.of(System.getProperty("java.io.tmpdir"), "restorecheck-walbench");
            ensureArchive(dir, sizeMb);
        }
        ArchiveScan scan = ArchiveScan.of(dir);
        List<Path> files = new ArrayList<>();
        scan.segments().values().forEach(m -> files.addAll(m.values()));
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf(Locale.ROOT, "archive %s: %d segments, %.1f MB%n", dir, files.size(), bytes / 1e6);

        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("baseline: sequential mapped read + CRC-32C of every page", median(() -> readAndCrc(files)));
        long[] records = new long[1];
        seconds.put("restorecheck WAL reader (ArchiveInspector.inspect)", median(() -> {
            ArchiveReport r = ArchiveInspector.inspect(scan.directory());
            records[0] = r.timelines().stream().mapToLong(TimelineReport::records).sum();
        }));
        Path waldump = waldump();
        if (waldump != null) {
            seconds.put("pg_waldump --stats (" + waldump + ")", median(() -> pgWaldumpStats(waldump, scan)));
        }
        for (Compression c : compressions) {
            // The same archive with every segment compressed; kept next to it for the next run.
            Path copy = dir.resolveSibling(dir.getFileName() + "-" + c.suffix());
            if (!Files.isDirectory(copy)) {
                Path staging = dir.resolveSibling(copy.getFileName() + ".making");
                Processes.deleteTree(staging);
                compressedCopy(dir, staging, c);
                Files.move(staging, copy);
            }
            long compressedBytes;
            try (var list = Files.list(copy)) {
                compressedBytes = list.mapToLong(p -> p.toFile().length()).sum();
            }
            long[] n = new long[1];
            seconds.put("restorecheck WAL reader on ." + c.suffix() + " segments (" + compressedBytes / 1_000_000
                    + " MB on disk)", median(() -> {
                ArchiveReport r = ArchiveInspector.inspect(copy);
                n[0] = r.timelines().stream().mapToLong(TimelineReport::records).sum();
            }));
            if (n[0] != records[0]) {
                throw new IllegalStateException("." + c.suffix() + " archive: " + n[0] + " records, plain: "
                        + records[0]);
            }
        }
        System.out.printf(Locale.ROOT, "%,d records read%n%n", records[0]);
        double ours = seconds.get("restorecheck WAL reader (ArchiveInspector.inspect)");
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            System.out.printf(Locale.ROOT, "%-70s %7.3f s %8.1f MB/s   our speed / this = %.2f%n", e.getKey(),
                    e.getValue(), bytes / 1e6 / e.getValue(), e.getValue() / ours);
        }
    }

    private static void compressedCopy(Path plain, Path target, Compression c) throws IOException {
        Files.createDirectories(target);
        try (var files = Files.list(plain)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.length() == 24) {
                    try (java.io.OutputStream out = c.compress(Files.newOutputStream(target.resolve(name + "."
                            + c.suffix())))) {
                        Files.copy(f, out);
                    }
                } else if (Files.isRegularFile(f)) {
                    Files.copy(f, target.resolve(name));
                }
            }
        }
    }

    interface Run {
        void run() throws Exception;
    }

    private static double median(Run r) throws Exception {
        r.run();
        double[] t = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[RUNS / 2];
    }

    /** The floor: every byte of every segment mapped and CRC-32C'd page by page, no parsing. */
    private static long readAndCrc(List<Path> files) throws IOException {
        CRC32C crc = new CRC32C();
        long sum = 0;
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                ByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                for (int p = 0; p + 8192 <= m.capacity(); p += 8192) {
                    crc.reset();
                    crc.update(m.slice(p, 8192));
                    sum += crc.getValue();
                }
            }
        }
        return sum;
    }

    private static Path waldump() {
        String env = System.getenv("PG_WALDUMP");
        Path p = env != null ? Path.of(env) : Path.of("/usr/lib/postgresql/15/bin/pg_waldump");
        return Files.isExecutable(p) ? p : null;
    }

    private static void pgWaldumpStats(Path waldump, ArchiveScan scan) throws Exception {
        for (Map.Entry<Integer, NavigableMap<Long, Path>> tl : scan.segments().entrySet()) {
            String first = SegmentName.fileName(tl.getKey(), tl.getValue().firstKey(), scan.segmentSize());
            String last = SegmentName.fileName(tl.getKey(), tl.getValue().lastKey(), scan.segmentSize());
            Process p = new ProcessBuilder(waldump.toString(), "--stats", "-p", scan.directory().toString(), first, last)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_waldump timed out");
            }
        }
    }

    /** Makes (or reuses) an archive of at least {@code sizeMb} MB with the bundled PostgreSQL. */
    private static void ensureArchive(Path dir, long sizeMb) throws IOException {
        Path archive = dir;
        if (Files.isDirectory(archive)) {
            long have;
            try (var s = Files.list(archive)) {
                have = s.filter(p -> SegmentName.looksLikeSegment(p.getFileName().toString()))
                        .mapToLong(p -> p.toFile().length()).sum();
            }
            if (have >= sizeMb * 1_000_000) {
                return;
            }
            Processes.deleteTree(archive);
        }
        Files.createDirectories(archive);
        Path work = Files.createTempDirectory("restorecheck-walbench-pg-");
        System.out.println("making a " + sizeMb + " MB archive in " + archive + " with the bundled PostgreSQL...");
        Map<String, String> settings = new LinkedHashMap<>(Archiving.primarySettings(archive));
        settings.put("max_wal_size", "4GB");
        settings.put("checkpoint_timeout", "30min");
        PgCluster cluster = PgCluster.init(PgBinaries.bundled(), work.resolve("data"), settings);
        try (PgServer pg = cluster.start("bench")) {
            pg.createDatabase("bench");
            pg.execute("bench", "CREATE TABLE t (id bigint, v text)");
            long target = sizeMb * 1_000_000;
            int round = 0;
            while (Long.parseLong(pg.queryString("bench", "SELECT pg_current_wal_lsn() - '0/0'")) < target + (64 << 20)) {
                // Bulk rows in one transaction, then many one-row transactions: both shapes of real WAL.
                pg.execute("bench", "INSERT INTO t SELECT g, repeat('x', 120) FROM generate_series(1, 200000) g");
                pg.execute("bench", "DO $$ BEGIN FOR i IN 1..2000 LOOP INSERT INTO t VALUES (i, 'one'); COMMIT; "
                        + "END LOOP; END $$");
                if (++round % 10 == 0) {
                    pg.execute("bench", "TRUNCATE t");
                }
            }
            Archiving.switchAndAwaitArchived(pg, Duration.ofMinutes(10));
            pg.stop(ShutdownMode.FAST);
        } finally {
            Processes.deleteTree(work);
        }
    }
}
