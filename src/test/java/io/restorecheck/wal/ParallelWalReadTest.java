package io.restorecheck.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel read reports exactly what the sequential read reports (every commit, abort, damage and gap, in
 * order, and the same counts), on synthetic archives where records span segment boundaries, on damage placed at
 * and around the boundaries where the workers' reads are stitched, on gaps, and on compressed segments.
 */
class ParallelWalReadTest {
    private static final long T0 = 1_780_000_000_000_000L;

    @TempDir
    Path dir;

    /** Everything a read reports, in order, as comparable text. */
    static final class Everything implements WalReader.Visitor {
        final List<String> seen = new ArrayList<>();

        @Override
        public void xact(XactRecord r) {
            seen.add("xact " + r);
        }

        @Override
        public void damage(Damage d) {
            seen.add("damage " + d);
        }

        @Override
        public void gap(int timeline, long from, long to) {
            seen.add("gap " + timeline + " " + from + ".." + to);
        }
    }

    /** Commits, aborts and fillers of many sizes, some spanning segments, one spanning a whole segment. */
    private static SyntheticWal mixed(long seed) {
        Random rnd = new Random(seed);
        SyntheticWal w = new SyntheticWal(1, 1);
        long xid = 1000;
        for (int i = 0; i < 9000; i++) {
            int r = rnd.nextInt(100);
            if (r < 55) {
                w.commit(xid++, T0 + i);
            } else if (r < 62) {
                w.abort(xid++, T0 + i);
            } else if (r < 99) {
                w.filler(10 + rnd.nextInt(3000));
            } else {
                w.filler(20_000 + rnd.nextInt(200_000));
            }
            if (i == 3000) {
                w.filler(SyntheticWal.SEG + 70_000); // covers a whole segment: the workers' states never meet there
            }
            if (i == 6000) {
                w.switchSegment();
            }
        }
        return w;
    }

    private static List<WalReader.SegmentFile> files(List<Path> paths) {
        List<WalReader.SegmentFile> out = new ArrayList<>();
        for (Path p : paths) {
            String name = p.getFileName().toString().substring(0, 24);
            SegmentName n = SegmentName.parse(name, SyntheticWal.SEG).orElseThrow();
            out.add(new WalReader.SegmentFile(n.timeline(), n.segno(), p));
        }
        return out;
    }

    /**
     * Reads sequentially and with 2, 3 and 8 workers, tasks of 1, 3 and 2 segments; asserts all agree; returns the
     * sequential findings.
     */
    private static Everything assertSameAsSequential(List<Path> paths) {
        Everything sequential = new Everything();
        WalReader.Stats seqStats = WalReader.read(files(paths), SyntheticWal.SEG, sequential, 1);
        int[][] runs = {{2, 1}, {3, 3}, {8, 2}};
        for (int[] run : runs) {
            Everything parallel = new Everything();
            WalReader.Stats parStats = ParallelWalRead.read(files(paths), SyntheticWal.SEG, parallel, run[0], run[1])
                    .stats();
            String what = run[0] + " workers, " + run[1] + " segments per task";
            assertEquals(sequential.seen, parallel.seen, what);
            assertEquals(seqStats, parStats, what);
        }
        return sequential;
    }

    private static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0xFF);
        }
    }

    private static void zero(Path file, long offset, int n) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(new byte[n]);
        }
    }

    @Test
    void cleanArchiveWithRecordsSpanningEverySegmentBoundaryReadsTheSame() throws IOException {
        List<Path> segs = mixed(1).writeTo(dir);
        assertTrue(segs.size() >= 6, segs.size() + " segments");
        Everything seen = assertSameAsSequential(segs);
        assertFalse(seen.seen.stream().anyMatch(s -> s.startsWith("damage")), seen.seen.toString());
        assertTrue(seen.seen.size() > 5000, seen.seen.size() + " transactions");
    }

    @Test
    void theCallingThreadRereadsOnlyAPageOrTwoPerSegmentExceptWhereARecordCoversTheWholeSegment() throws IOException {
        List<Path> segs = mixed(1).writeTo(dir);
        ParallelWalRead.Outcome o = ParallelWalRead.read(files(segs), SyntheticWal.SEG, new Everything(), 2, 1);
        long pagesPerSegment = SyntheticWal.SEG / SyntheticWal.PAGE;
        // One segment lies inside a record: its stitch reads all of it. Elsewhere a stitch reads up to the end of
        // the record that spans the boundary (fillers here have up to 27 pages), plus a page.
        assertTrue(o.pagesReadTwice() >= pagesPerSegment, o.pagesReadTwice() + " pages");
        assertTrue(o.pagesReadTwice() <= pagesPerSegment + 29L * segs.size(), o.pagesReadTwice() + " pages, "
                + segs.size() + " segments of " + pagesPerSegment);
    }

    @Test
    void damageAtAndAroundTheStitchedBoundariesReadsTheSame() throws IOException {
        SyntheticWal w = mixed(2);
        List<Path> segs = w.writeTo(dir);
        int page = SyntheticWal.PAGE;
        flip(segs.get(1), 100); // long header of a segment's first page (magic)
        flip(segs.get(2), 40 + 30); // the continuation of the record spanning the boundary (its CRC)
        flip(segs.get(3), page + 20); // rem_len of the second page
        zero(segs.get(4), 0, page); // a whole first page
        flip(segs.get(5), SyntheticWal.SEG - 50); // a record at the very end of a segment
        flip(segs.get(5), 3 * page + 9); // a page address
        Everything seen = assertSameAsSequential(segs);
        assertTrue(seen.seen.stream().filter(s -> s.startsWith("damage")).count() >= 4, seen.seen.toString());
    }

    @Test
    void everyFirstPageMagicFlippedReadsTheSame() throws IOException {
        List<Path> segs = mixed(3).writeTo(dir);
        for (int i = 1; i < segs.size(); i++) {
            flip(segs.get(i), 0);
        }
        assertSameAsSequential(segs);
    }

    @Test
    void gapsAndATruncatedSegmentReadTheSame() throws IOException {
        List<Path> segs = new ArrayList<>(mixed(4).writeTo(dir));
        try (RandomAccessFile f = new RandomAccessFile(segs.get(4).toFile(), "rw")) {
            f.setLength(300_000);
        }
        Files.delete(segs.remove(2));
        Everything seen = assertSameAsSequential(segs);
        assertTrue(seen.seen.stream().anyMatch(s -> s.startsWith("gap 1 3..3")), seen.seen.toString());
    }

    @Test
    void byteFlipsAtRandomPlacesReadTheSame() throws IOException {
        List<Path> segs = mixed(5).writeTo(dir);
        Random rnd = new Random(55);
        for (int i = 0; i < 40; i++) {
            Path seg = segs.get(rnd.nextInt(segs.size()));
            // Mostly near page starts, where headers and stitching live.
            long off = rnd.nextBoolean() ? rnd.nextInt(SyntheticWal.SEG)
                    : (long) rnd.nextInt(SyntheticWal.SEG / SyntheticWal.PAGE) * SyntheticWal.PAGE + rnd.nextInt(64);
            flip(seg, off);
        }
        assertSameAsSequential(segs);
    }

    @Test
    void compressedSegmentsReadTheSame() throws IOException {
        List<Path> plain = mixed(6).writeTo(dir.resolve("plain"));
        flip(plain.get(2), 40 + 30);
        List<Path> mixedFormats = new ArrayList<>();
        Path out = Files.createDirectories(dir.resolve("compressed"));
        for (int i = 0; i < plain.size(); i++) {
            Path p = plain.get(i);
            Compression c = i % 3 == 0 ? null : i % 3 == 1 ? Compression.GZIP : Compression.ZSTD;
            if (c == null) {
                mixedFormats.add(Files.copy(p, out.resolve(p.getFileName())));
                continue;
            }
            Path target = out.resolve(p.getFileName() + "." + c.suffix());
            try (OutputStream o = c.compress(Files.newOutputStream(target))) {
                Files.copy(p, o);
            }
            mixedFormats.add(target);
        }
        Everything compressed = assertSameAsSequential(mixedFormats);
        assertEquals(assertSameAsSequential(plain).seen, compressed.seen);
    }
}
