package io.restorecheck.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restorecheck.cli.Main;
import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.BaseBackup;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import io.restorecheck.lab.Restore;
import io.restorecheck.lab.ShutdownMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archives made by a real PostgreSQL (bundled 15): the reader finds the commits and aborts the server made, the
 * last commit equals {@code pg_last_committed_xact()} to the microsecond, timeline 2 after a promotion is
 * followed, damage and gaps are found where they are, and the archive is never written.
 */
class ArchiveInspectorIT {
    private static Path work;
    private static Path archive;
    private static Path combined;
    private static final Set<Long> committed = new HashSet<>();
    private static final Set<Long> aborted = new HashSet<>();
    private static long lastXid;
    private static long lastMicros;
    private static long restoredLastXid;
    private static long restoredLastMicros;

    @BeforeAll
    static void makeArchives() throws Exception {
        work = Files.createTempDirectory("restorecheck-wal-it-");
        archive = Files.createDirectories(work.resolve("archive"));
        Path archive2 = work.resolve("archive-tl2");
        PgBinaries bin = PgBinaries.bundled();
        Map<String, String> settings = new LinkedHashMap<>(Archiving.primarySettings(archive));
        settings.put("track_commit_timestamp", "on");
        PgCluster cluster = PgCluster.init(bin, work.resolve("primary"), settings);
        try (PgServer primary = cluster.start("primary")) {
            primary.createDatabase("app");
            primary.execute("app", "CREATE TABLE t (id serial PRIMARY KEY, v text)");
            BaseBackup.take(primary, work.resolve("base"), "wal-it");
            try (Connection c = primary.connect("app")) {
                for (int batch = 0; batch < 4; batch++) {
                    transactions(c, 30, batch);
                    primary.queryString("postgres", "SELECT pg_switch_wal()");
                }
            }
            long[] last = lastCommitted(primary);
            lastXid = last[0];
            lastMicros = last[1];
            Archiving.switchAndAwaitArchived(primary, Duration.ofMinutes(1));
            primary.stop(ShutdownMode.IMMEDIATE);
        }
        PgCluster restoredCluster = Restore.prepare(bin, work.resolve("base"), work.resolve("restored"),
                new Restore.Options(archive, Optional.of(archive2), Optional.empty()));
        try (PgServer restored = Restore.startAndPromote(restoredCluster, "restored", Duration.ofMinutes(2))) {
            restored.execute("app", "ALTER SYSTEM SET track_commit_timestamp = on");
            try (Connection c = restored.connect("app"); Statement s = c.createStatement()) {
                for (int i = 0; i < 5; i++) {
                    s.execute("INSERT INTO t (v) VALUES ('on timeline 2')");
                }
            }
            restoredLastXid = Long.parseLong(restored.queryString("app", "SELECT max(xmin::text::bigint) FROM t"));
            Archiving.switchAndAwaitArchived(restored, Duration.ofMinutes(1));
        }
        combined = Files.createDirectories(work.resolve("combined"));
        for (Path dir : List.of(archive, archive2)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.copy(f, combined.resolve(f.getFileName()));
                }
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        if (work != null) {
            Processes.deleteTree(work);
        }
    }

    /** {@code n} transactions, every 5th rolled back after it got an xid. */
    private static void transactions(Connection c, int n, int batch) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < n; i++) {
                long xid;
                try (ResultSet rs = s.executeQuery("SELECT txid_current()")) {
                    rs.next();
                    xid = rs.getLong(1);
                }
                s.execute("INSERT INTO t (v) VALUES ('batch " + batch + " row " + i + "')");
                if (i % 5 == 4) {
                    c.rollback();
                    aborted.add(xid);
                } else {
                    c.commit();
                    committed.add(xid);
                }
            }
        }
        c.setAutoCommit(true);
    }

    private static long[] lastCommitted(PgServer server) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT xid::text::bigint, (extract(epoch FROM timestamp) * 1000000)::bigint "
                     + "FROM pg_last_committed_xact()")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static List<WalReader.SegmentFile> timeline(ArchiveScan scan, int tli) {
        List<WalReader.SegmentFile> files = new ArrayList<>();
        scan.segments().get(tli).forEach((segno, p) -> files.add(new WalReader.SegmentFile(tli, segno, p)));
        return files;
    }

    @Test
    void lastCommitEqualsTheServersToTheMicrosecondAndEveryTransactionIsFound() throws IOException {
        ArchiveReport report = ArchiveInspector.inspect(archive);
        assertTrue(report.clean(), report.toJson().toString());
        assertEquals(16 << 20, report.segmentSize());
        assertEquals(15, report.major());
        XactRecord last = report.lastCommit().orElseThrow();
        assertEquals(lastXid, last.xid());
        assertEquals(lastMicros, last.timeMicros());
        assertEquals(1, report.backups().size());

        ArchiveScan scan = ArchiveScan.of(archive);
        Set<Long> commits = new HashSet<>();
        Set<Long> aborts = new HashSet<>();
        WalReader.read(timeline(scan, 1), scan.segmentSize(), new WalReader.Visitor() {
            @Override
            public void xact(XactRecord r) {
                (r.kind().isCommit() ? commits : aborts).add(r.xid());
            }
        });
        assertTrue(commits.containsAll(committed), "all " + committed.size() + " commits found");
        assertTrue(aborts.containsAll(aborted), "all " + aborted.size() + " aborts found");
        assertEquals(Set.of(), intersection(commits, aborted));
    }

    private static Set<Long> intersection(Set<Long> a, Set<Long> b) {
        Set<Long> s = new HashSet<>(a);
        s.retainAll(b);
        return s;
    }

    @Test
    void timelineTwoAfterAPromotionIsFollowed() throws IOException {
        ArchiveReport report = ArchiveInspector.inspect(combined);
        assertEquals(List.of(1, 2), report.timelines().stream().map(TimelineReport::id).toList());
        TimelineReport tl2 = report.timeline(2).orElseThrow();
        assertEquals(1, tl2.parent());
        assertEquals(List.of(), tl2.gaps());
        assertEquals(List.of(), report.historyProblems());
        assertEquals(5, tl2.commits(), "the 5 commits made on timeline 2 (and no copy of timeline 1's)");
        assertEquals(restoredLastXid, report.lastCommit().orElseThrow().xid());
        assertEquals(2, report.lastCommit().orElseThrow().timeline());
        assertEquals(lastXid, report.lastCommit(1).orElseThrow().xid());
        assertTrue(report.clean(), report.toJson().toString());
    }

    @Test
    void timelineTwoWithoutItsHistoryFileIsAHistoryProblemNamingTheFile() throws IOException {
        Path copy = copyOf(combined, "no-history");
        Files.delete(copy.resolve("00000002.history"));

        ArchiveReport report = ArchiveInspector.inspect(copy);

        // ArchiveChecks.timeline turns any history problem into a failed integrity.archive.timeline
        // (ArchiveChecksTest); here the problem comes from a real archive with its history file gone.
        assertTrue(report.historyProblems().stream().anyMatch(p -> p.contains("00000002.history")),
                report.historyProblems().toString());
    }

    @Test
    void flippedByteIsFoundAtItsSegmentAndOffsetAndCommitsBeyondAreStillCounted() throws IOException {
        Path copy = copyOf(archive, "flipped");
        ArchiveScan scan = ArchiveScan.of(copy);
        // Damage a commit of ours in the middle of the archive.
        List<XactRecord> ours = new ArrayList<>();
        WalReader.read(timeline(scan, 1), scan.segmentSize(), new WalReader.Visitor() {
            @Override
            public void xact(XactRecord r) {
                if (committed.contains(r.xid())) {
                    ours.add(r);
                }
            }
        });
        XactRecord victim = ours.get(ours.size() / 2);
        SegmentName seg = SegmentName.of(1, victim.lsn(), scan.segmentSize());
        long offset = victim.lsn() % scan.segmentSize();
        try (RandomAccessFile f = new RandomAccessFile(copy.resolve(seg.fileName(scan.segmentSize())).toFile(), "rw")) {
            f.seek(offset + 26); // inside the commit's main data (its time)
            int b = f.read();
            f.seek(offset + 26);
            f.write(b ^ 0x01);
        }
        ArchiveReport report = ArchiveInspector.inspect(copy);
        TimelineReport tl = report.timeline(1).orElseThrow();
        assertEquals(1, tl.damaged().size(), tl.damaged().toString());
        Damage d = tl.damaged().get(0);
        assertEquals(seg.fileName(scan.segmentSize()), d.segment());
        assertEquals(offset, d.offset());
        assertTrue(d.reason().contains("CRC mismatch in record at " + Lsn.format(victim.lsn())), d.reason());
        assertEquals(lastXid, report.lastCommit().orElseThrow().xid(), "read on past the damage");
        assertEquals(1, run("wal", "inspect", copy.toString()).code);
    }

    @Test
    void missingSegmentIsAGapAndTheLastCommitBeyondItIsStillFound() throws IOException {
        Path copy = copyOf(archive, "gap");
        ArchiveScan scan = ArchiveScan.of(copy);
        var segs = scan.segments().get(1);
        long victim = segs.lastKey() - 2;
        Files.delete(segs.get(victim));
        ArchiveReport report = ArchiveInspector.inspect(copy);
        TimelineReport tl = report.timeline(1).orElseThrow();
        String name = SegmentName.fileName(1, victim, scan.segmentSize());
        assertEquals(List.of(new Gap(name, name, victim, victim)), tl.gaps());
        assertEquals(lastXid, report.lastCommit().orElseThrow().xid());
        CommitsAfter after = ArchiveInspector.commitsAfter(copy, 1, victim * (long) scan.segmentSize());
        assertTrue(after.commits() > 0);
        assertEquals(1, after.gaps().size());
        Result r = run("wal", "inspect", copy.toString(), "--json");
        assertEquals(1, r.code);
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertEquals(name, json.get("timelines").get(0).get("gaps").get(0).get("from").asText());
    }

    @Test
    void parallelReadReportsExactlyWhatTheSequentialReadReportsOnRealArchivesWholeAndDamaged() throws IOException {
        Path damaged = copyOf(archive, "parallel-damaged");
        ArchiveScan scan = ArchiveScan.of(damaged);
        int segSize = scan.segmentSize();
        List<Long> segnos = new ArrayList<>(scan.segments().get(1).keySet());
        // Where the workers' reads are stitched: a first page's magic, the continuation right after a long header,
        // a second page's rem_len; a record in the middle; and a segment removed (a gap).
        flipByte(damaged, 1, segnos.get(1), segSize, 1);
        flipByte(damaged, 1, segnos.get(2), segSize, 40 + 10);
        flipByte(damaged, 1, segnos.get(3), segSize, 8192 + 17);
        List<XactRecord> commits = new ArrayList<>();
        WalReader.read(timeline(scan, 1), segSize, new WalReader.Visitor() {
            @Override
            public void xact(XactRecord r) {
                commits.add(r);
            }
        }, 1);
        XactRecord victim = commits.get(commits.size() / 2);
        flipByte(damaged, 1, victim.lsn() / segSize, segSize, victim.lsn() % segSize + 26); // its commit time
        Files.delete(scan.segments().get(1).get(segnos.get(segnos.size() - 2)));
        for (Path dir : List.of(archive, combined, damaged)) {
            ArchiveReport sequential = ArchiveInspector.inspect(dir, false, 1);
            for (int workers : new int[] {2, 3}) {
                ArchiveReport parallel = ArchiveInspector.inspect(dir, false, workers);
                assertEquals(sequential, parallel, dir + ", " + workers + " workers");
                assertEquals(sequential.toJson(), parallel.toJson(), dir + ", " + workers + " workers");
            }
            for (TimelineReport tl : sequential.timelines()) {
                long from = (long) segnos.get(1) * segSize + 1000;
                assertEquals(ArchiveInspector.commitsAfter(dir, tl.id(), from, 1),
                        ArchiveInspector.commitsAfter(dir, tl.id(), from, 3), dir + " timeline " + tl.id());
            }
        }
        TimelineReport tl = ArchiveInspector.inspect(damaged, false, 2).timeline(1).orElseThrow();
        assertTrue(tl.damaged().size() >= 2, tl.damaged().toString());
        assertEquals(1, tl.gaps().size(), tl.gaps().toString());
    }

    private static void flipByte(Path dir, int tli, long segno, int segSize, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(SegmentName.fileName(tli, segno, segSize)).toFile(),
                "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x40);
        }
    }

    @Test
    void jsonHasTheDocumentedShapeAndExitCodesFollowTheFindings() throws IOException {
        Result r = run("wal", "inspect", archive.toString(), "--json");
        assertEquals(0, r.code, r.out);
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertEquals(List.of("segment_size", "timelines", "backups"), names(json));
        JsonNode tl = json.get("timelines").get(0);
        assertEquals(List.of("id", "first_segment", "last_segment", "segments", "gaps", "damaged", "last_commit"),
                names(tl));
        assertEquals(List.of("time", "xid", "lsn"), names(tl.get("last_commit")));
        assertEquals(lastXid, tl.get("last_commit").get("xid").asLong());
        assertTrue(tl.get("last_commit").get("time").asText().matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"), tl.get("last_commit").toString());
        Result table = run("wal", "inspect", archive.toString());
        assertEquals(0, table.code);
        assertTrue(table.out.contains("verdict: no gap, no damage"), table.out);
        assertEquals(2, run("wal", "inspect", work.resolve("no-such-dir").toString()).code);
    }

    @Test
    void inspectingLeavesTheArchiveByteIdentical() throws Exception {
        Map<String, String> before = digests(combined);
        ArchiveInspector.inspect(combined);
        run("wal", "inspect", combined.toString(), "--json");
        ArchiveInspector.commitsAfter(combined, 2, 0);
        assertEquals(before, digests(combined));
    }

    private static Map<String, String> digests(Path dir) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                out.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(d) + " "
                        + Files.getLastModifiedTime(f).toMillis());
            }
        }
        assertNotNull(out);
        return out;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Path copyOf(Path dir, String name) throws IOException {
        Path copy = Files.createDirectories(work.resolve(name));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private record Result(int code, String out) {
    }

    private static synchronized Result run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Result(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }
}
