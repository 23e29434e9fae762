package io.restorecheck.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalReaderTest {
    private static final long T0 = 1_780_000_000_000_000L;

    @TempDir
    Path dir;

    /** Collects what the reader reports. */
    static final class Seen implements WalReader.Visitor {
        final List<XactRecord> xacts = new ArrayList<>();
        final List<Damage> damage = new ArrayList<>();
        final List<long[]> gaps = new ArrayList<>();

        @Override
        public void xact(XactRecord r) {
            xacts.add(r);
        }

        @Override
        public void damage(Damage d) {
            damage.add(d);
        }

        @Override
        public void gap(int timeline, long from, long to) {
            gaps.add(new long[] {from, to});
        }

        long commits() {
            return xacts.stream().filter(x -> x.kind().isCommit()).count();
        }
    }

    private static List<WalReader.SegmentFile> files(List<Path> paths) {
        List<WalReader.SegmentFile> out = new ArrayList<>();
        for (Path p : paths) {
            SegmentName n = SegmentName.parse(p.getFileName().toString(), SyntheticWal.SEG).orElseThrow();
            out.add(new WalReader.SegmentFile(n.timeline(), n.segno(), p));
        }
        return out;
    }

    private static Seen read(List<Path> paths) {
        Seen seen = new Seen();
        WalReader.read(files(paths), SyntheticWal.SEG, seen);
        return seen;
    }

    private static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0xFF);
        }
    }

    @Test
    void commitsAbortsAndPreparedFormsComeOutWithTimeXidAndLsn() throws IOException {
        SyntheticWal w = new SyntheticWal(1, 1);
        long c1 = w.commit(1000, T0 + 1);
        long a1 = w.abort(1001, T0 + 2);
        long cp = w.commitPrepared(999, T0 + 3);
        Seen seen = read(w.writeTo(dir));
        assertEquals(List.of(), seen.damage);
        assertEquals(3, seen.xacts.size());
        assertEquals(new XactRecord(XactRecord.Kind.COMMIT, 1000, c1, T0 + 1, 1), seen.xacts.get(0));
        assertEquals(new XactRecord(XactRecord.Kind.ABORT, 1001, a1, T0 + 2, 1), seen.xacts.get(1));
        assertEquals(new XactRecord(XactRecord.Kind.COMMIT_PREPARED, 999, cp, T0 + 3, 1), seen.xacts.get(2));
        assertEquals("2026-05-28T20:26:40.000003+00:00", seen.xacts.get(2).isoTime());
    }

    @Test
    void recordsSpanningPagesAndSegmentsAreAssembledAndChecked() throws IOException {
        SyntheticWal w = new SyntheticWal(1, 1);
        w.commit(1, T0);
        w.filler(SyntheticWal.SEG + 5000); // crosses ~130 pages and the segment boundary
        long after = w.commit(2, T0 + 10);
        for (int i = 0; i < 400; i++) {
            w.filler(300);
        }
        w.commit(3, T0 + 20);
        List<Path> segs = w.writeTo(dir);
        assertEquals(2, segs.size());
        Seen seen = read(segs);
        assertEquals(List.of(), seen.damage);
        assertEquals(3, seen.commits());
        assertEquals(after, seen.xacts.get(1).lsn());
        assertTrue(after > 2L * SyntheticWal.SEG, "second commit sits in the second segment");
    }

    @Test
    void flippedByteIsReportedAtItsSegmentAndOffsetAndReadingResumesAfterTheRecord() throws IOException {
        SyntheticWal w = new SyntheticWal(1, 1);
        w.commit(1, T0);
        long damaged = w.filler(500);
        w.commit(2, T0 + 1);
        w.commit(3, T0 + 2);
        List<Path> segs = w.writeTo(dir);
        long offset = damaged - SyntheticWal.SEG;
        flip(segs.get(0), offset + 100);
        Seen seen = read(segs);
        assertEquals(1, seen.damage.size(), seen.damage.toString());
        Damage d = seen.damage.get(0);
        assertEquals("000000010000000000000001", d.segment());
        assertEquals(offset, d.offset());
        assertTrue(d.reason().startsWith("CRC mismatch in record at " + Lsn.format(damaged)), d.reason());
        assertEquals(3, seen.commits(), "commits after the damaged record are still found");
    }

    @Test
    void missingSegmentIsAGapAndTheReaderResumesPastTheContinuationInTheNextSegment() throws IOException {
        SyntheticWal w = new SyntheticWal(1, 1);
        w.commit(1, T0);
        w.switchSegment();
        w.commit(2, T0 + 1);
        w.filler(SyntheticWal.SEG + 20_000); // from segment 2 deep into segment 3
        long resumed = w.commit(3, T0 + 2);
        w.commit(4, T0 + 3);
        List<Path> segs = new ArrayList<>(w.writeTo(dir));
        assertEquals(3, segs.size());
        Files.delete(segs.remove(1));
        Seen seen = read(segs);
        assertEquals(1, seen.gaps.size());
        assertEquals(2, seen.gaps.get(0)[0]);
        assertEquals(List.of(), seen.damage, "a gap is not damage");
        assertEquals(List.of(1L, 3L, 4L), seen.xacts.stream().map(XactRecord::xid).toList());
        assertEquals(resumed, seen.xacts.get(1).lsn());
    }

    @Test
    void zeroedPageInTheMiddleIsDamageButAZeroTailIsTheEndOfWal() throws IOException {
        SyntheticWal w = new SyntheticWal(1, 1);
        for (int i = 0; i < 3000; i++) {
            w.commit(100 + i, T0 + i);
        }
        List<Path> segs = w.writeTo(dir);
        Seen clean = read(segs);
        assertEquals(List.of(), clean.damage, "zero tail after the last record is the end");
        assertEquals(3000, clean.commits());
        try (RandomAccessFile f = new RandomAccessFile(segs.get(0).toFile(), "rw")) {
            f.seek(2 * SyntheticWal.PAGE);
            f.write(new byte[SyntheticWal.PAGE]);
        }
        Seen seen = read(segs);
        assertEquals(1, seen.damage.size(), seen.damage.toString());
        assertEquals(2L * SyntheticWal.PAGE, seen.damage.get(0).offset());
        assertTrue(seen.damage.get(0).reason().contains("all zeros"), seen.damage.get(0).reason());
        assertTrue(seen.commits() > 2500 && seen.commits() < 3000, "commits beyond the zeroed page: " + seen.commits());
    }

    @Test
    void wrongPageAddressAndMagicAreDamage() throws IOException {
        SyntheticWal w = new SyntheticWal(1, 1);
        for (int i = 0; i < 3000; i++) {
            w.commit(100 + i, T0 + i);
        }
        List<Path> segs = w.writeTo(dir);
        flip(segs.get(0), 3 * SyntheticWal.PAGE + 9); // xlp_pageaddr
        flip(segs.get(0), 5 * SyntheticWal.PAGE); // xlp_magic
        Seen seen = read(segs);
        assertEquals(2, seen.damage.size(), seen.damage.toString());
        assertTrue(seen.damage.get(0).reason().startsWith("page address"), seen.damage.get(0).reason());
        assertTrue(seen.damage.get(1).reason().startsWith("invalid page magic"), seen.damage.get(1).reason());
    }

    @Test
    void truncatedSegmentIsDamage() throws IOException {
        SyntheticWal w = new SyntheticWal(1, 1);
        w.commit(1, T0);
        w.switchSegment();
        w.commit(2, T0 + 1);
        List<Path> segs = w.writeTo(dir);
        try (RandomAccessFile f = new RandomAccessFile(segs.get(0).toFile(), "rw")) {
            f.setLength(100_000);
        }
        Seen seen = read(segs);
        assertEquals(1, seen.damage.size(), seen.damage.toString());
        assertEquals(100_000, seen.damage.get(0).offset());
        assertEquals(2, seen.commits());
    }
}
