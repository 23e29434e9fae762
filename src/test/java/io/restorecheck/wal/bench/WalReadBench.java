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
import io.restorecheck.wal.WalReader;
import io.restorecheck.wal.XactRecord;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Reader throughput on a real archive of at least 1 GB, against baselines measured in the same run: a plain
 * sequential read of the same files with CRC-32C over every whole page (the floor any reader pays; mapped, as the
 * issue defines it, by read() as the reader reads, and mapped on N threads), {@code pg_waldump --stats} when a
 * pg_waldump is installed, and our reader on 1 thread and on N ({@code --workers N}, default: available cores),
 * checking that both report the same. Median of 3 after a warm-up (page cache warm for all), wall and cpu time.
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
        int workers = ArchiveInspector.defaultWorkers();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--workers")) {
                workers = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--size-mb")) {
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
        Map<String, Double> cpuSeconds = new LinkedHashMap<>();
        String floor = "floor: mapped read + CRC-32C of every page, 1 thread";
        time(seconds, cpuSeconds, floor, () -> readAndCrc(files));
        String floorRead = "floor by read(): read() into a 1 MiB buffer + CRC-32C of every page, 1 thread";
        time(seconds, cpuSeconds, floorRead, () -> readIntoBufferAndCrc(files));
        int n = workers;
        String floorN = "floor on " + n + " threads (one file per task)";
        time(seconds, cpuSeconds, floorN, () -> readAndCrcParallel(files, n));
        List<WalReader.SegmentFile> lineage = new ArrayList<>();
        scan.segments().forEach((tli, m) -> m.forEach((segno, p) -> lineage.add(new WalReader.SegmentFile(tli, segno, p))));
        if (scan.segments().size() != 1) {
            throw new IllegalStateException("the bench reads a one-timeline archive; this one has "
                    + scan.segments().keySet());
        }
        Findings[] seq = new Findings[1];
        Findings[] par = new Findings[1];
        String sequential = "restorecheck WAL reader, 1 thread (sequential)";
        time(seconds, cpuSeconds, sequential, () -> seq[0] = Findings.read(lineage, scan.segmentSize(), 1));
        String parallel = "restorecheck WAL reader, " + n + " threads";
        time(seconds, cpuSeconds, parallel, () -> par[0] = Findings.read(lineage, scan.segmentSize(), n));
        if (!seq[0].equals(par[0])) {
            throw new IllegalStateException("parallel read differs from the sequential read: " + par[0] + " vs "
                    + seq[0]);
        }
        long[] records = new long[1];
        time(seconds, cpuSeconds, "restorecheck wal inspect (ArchiveInspector.inspect, " + n + " threads)", () -> {
            ArchiveReport r = ArchiveInspector.inspect(scan.directory(), false, n);
            records[0] = r.timelines().stream().mapToLong(TimelineReport::records).sum();
        });
        Path waldump = waldump();
        if (waldump != null) {
            time(seconds, cpuSeconds, "pg_waldump --stats (" + waldump + ")", () -> pgWaldumpStats(waldump, scan));
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
            long[] got = new long[1];
            time(seconds, cpuSeconds, "restorecheck wal inspect on ." + c.suffix() + " segments ("
                    + compressedBytes / 1_000_000 + " MB on disk, " + n + " threads)", () -> {
                ArchiveReport r = ArchiveInspector.inspect(copy, false, n);
                got[0] = r.timelines().stream().mapToLong(TimelineReport::records).sum();
            });
            if (got[0] != records[0]) {
                throw new IllegalStateException("." + c.suffix() + " archive: " + got[0] + " records, plain: "
                        + records[0]);
            }
        }
        System.out.printf(Locale.ROOT, "%,d records read, %,d commits/aborts, last commit %s; sequential and %d-thread "
                + "reads identical%n%n", records[0], seq[0].xacts, seq[0].last, n);
        double ours = seconds.get(parallel);
        System.out.printf(Locale.ROOT, "%-78s %9s %10s %9s %s%n", "", "wall", "MB/s", "cpu", "wall / ours");
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            System.out.printf(Locale.ROOT, "%-78s %7.3f s %10.1f %7.3f s %.2f%n", e.getKey(), e.getValue(),
                    bytes / 1e6 / e.getValue(), cpuSeconds.get(e.getKey()), e.getValue() / ours);
        }
        System.out.println();
        if (waldump != null) {
            String w = seconds.keySet().stream().filter(k -> k.startsWith("pg_waldump")).findFirst().orElseThrow();
            System.out.printf(Locale.ROOT, "ours (%d threads) vs pg_waldump --stats: %.2fx faster (goal >= 3x); "
                    + "sequential: %.2fx%n", n, seconds.get(w) / ours, seconds.get(w) / seconds.get(sequential));
            // What the checks and `wal inspect` run: the reader with the product's own listener (the lines above
            // also collect every finding, for the sequential-vs-parallel equality check).
            String inspect = "restorecheck wal inspect (ArchiveInspector.inspect, " + n + " threads)";
            System.out.printf(Locale.ROOT, "wal inspect (%d threads, the product path) vs pg_waldump --stats: %.2fx "
                    + "faster (goal >= 3x)%n", n, seconds.get(w) / seconds.get(inspect));
        }
        System.out.printf(Locale.ROOT, "ours (%d threads) vs the floor: %.0f%% of its speed (goal >= 50%%); vs the "
                + "floor on %d threads: %.0f%%%n", n, 100 * seconds.get(floor) / ours, n,
                100 * seconds.get(floorN) / ours);
        System.out.printf(Locale.ROOT, "ours (%d threads) vs the read() floor: %.0f%% of its speed%n", n,
                100 * seconds.get(floorRead) / ours);
        System.out.printf(Locale.ROOT, "parallel speed-up over sequential: %.2fx wall, cpu %.2fx the sequential's%n",
                seconds.get(sequential) / ours, cpuSeconds.get(parallel) / cpuSeconds.get(sequential));
        System.out.printf(Locale.ROOT, "cpu cost per byte: sequential reader %.2f ns, floor %.2f ns (%d threads: %.2f ns)%n",
                cpuSeconds.get(sequential) * 1e9 / bytes, cpuSeconds.get(floor) * 1e9 / bytes, n,
                cpuSeconds.get(parallel) * 1e9 / bytes);
        System.out.printf(Locale.ROOT, "per-segment findings: at most %,d commits/aborts in one segment; load %.1f%n",
                seq[0].maxXactsPerSegment, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    /** What a read found, compared between sequential and parallel reads. */
    record Findings(WalReader.Stats stats, long xacts, int hash, XactRecord last, long maxXactsPerSegment) {
        static Findings read(List<WalReader.SegmentFile> files, int segSize, int workers) {
            long[] count = new long[1];
            int[] hash = new int[1];
            XactRecord[] last = new XactRecord[1];
            Map<Long, Long> perSegment = new java.util.HashMap<>();
            WalReader.Stats stats = WalReader.read(files, segSize, new WalReader.Visitor() {
                @Override
                public void xact(XactRecord r) {
                    count[0]++;
                    hash[0] = hash[0] * 31 + r.hashCode();
                    last[0] = r;
                    perSegment.merge(r.lsn() / segSize, 1L, Long::sum);
                }

                @Override
                public void damage(io.restorecheck.wal.Damage d) {
                    hash[0] = hash[0] * 31 + d.hashCode();
                }

                @Override
                public void gap(int timeline, long fromSegno, long toSegno) {
                    hash[0] = hash[0] * 31 + Long.hashCode(fromSegno * 31 + toSegno);
                }
            }, workers);
            return new Findings(stats, count[0], hash[0], last[0],
                    perSegment.values().stream().mapToLong(Long::longValue).max().orElse(0));
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

    /** Median wall and cpu seconds (this process and its children, e.g. pg_waldump) of 3 runs after a warm-up. */
    private static void time(Map<String, Double> wall, Map<String, Double> cpu, String name, Run r) throws Exception {
        r.run();
        double[] t = new double[RUNS];
        double[] c = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - start) / 1e9;
            c[i] = (cpuNanos() - cpuStart) / 1e9;
        }
        Arrays.sort(t);
        Arrays.sort(c);
        wall.put(name, t[RUNS / 2]);
        cpu.put(name, c[RUNS / 2]);
    }

    /** Cpu time of this process plus its finished children (pg_waldump), from /proc in clock ticks of 10 ms. */
    private static long cpuNanos() throws IOException {
        String[] f = Files.readString(Path.of("/proc/self/stat")).replaceAll(".*\\) ", "").split(" ");
        // After the command name: utime, stime, cutime, cstime are fields 12..15 (0-based 11..14).
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks * 10_000_000L;
    }

    /** The floor as our reader reads plain segments: read() into one heap buffer, CRC-32C of every page. */
    private static long readIntoBufferAndCrc(List<Path> files) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 20];
        ByteBuffer into = ByteBuffer.wrap(buf);
        long sum = 0;
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                int n;
                while ((n = ch.read(into.clear())) > 0) {
                    for (int p = 0; p + 8192 <= n; p += 8192) {
                        crc.reset();
                        crc.update(buf, p, 8192);
                        sum += crc.getValue();
                    }
                }
            }
        }
        return sum;
    }

    /** The floor on {@code threads} threads: whole files per task. */
    private static long readAndCrcParallel(List<Path> files, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (Path f : files) {
                parts.add(pool.submit(() -> readAndCrc(List.of(f))));
            }
            long sum = 0;
            for (Future<Long> part : parts) {
                sum += part.get();
            }
            return sum;
        } finally {
            pool.shutdown();
        }
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
