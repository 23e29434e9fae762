package io.restorecheck.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An archive with two timelines, a backup history file, a partial and a compressed segment, all synthetic. */
class ArchiveInspectorTest {
    private static final long T0 = 1_780_000_000_000_000L;

    @TempDir
    Path dir;

    /** Timeline 1: segments 1-4; timeline 2 branches at 0/00300000 and has segments 3 and 5 (4 is missing). */
    private void twoTimelines() throws IOException {
        SyntheticWal tl1 = new SyntheticWal(1, 1);
        long switchedAt = 0;
        for (int s = 1; s <= 4; s++) {
            tl1.commit(100 + s, T0 + s);
            long lsn = tl1.switchSegment();
            switchedAt = s == 2 ? lsn : switchedAt;
        }
        tl1.writeTo(dir);
        SyntheticWal tl2 = new SyntheticWal(2, 3);
        tl2.previous(switchedAt);
        tl2.commit(200, T0 + 100);
        tl2.switchSegment();
        tl2.commit(201, T0 + 101);
        tl2.switchSegment();
        tl2.commit(202, T0 + 102);
        tl2.writeTo(dir);
        Files.delete(dir.resolve("000000020000000000000004"));
        Files.writeString(dir.resolve("00000002.history"), "1\t0/300000\tno recovery target specified\n");
        Files.writeString(dir.resolve("000000010000000000000002.00000028.backup"), """
                START WAL LOCATION: 0/200028 (file 000000010000000000000002)
                STOP WAL LOCATION: 0/200100 (file 000000010000000000000002)
                START TIMELINE: 1
                STOP TIMELINE: 1
                """);
        Files.write(dir.resolve("000000010000000000000004.partial"), new byte[10]);
    }

    @Test
    void gapsFollowTheSwitchpointAndStartAtTheBaseBackup() throws IOException {
        twoTimelines();
        ArchiveReport r = ArchiveInspector.inspect(dir);
        assertEquals(SyntheticWal.SEG, r.segmentSize());
        TimelineReport t1 = r.timeline(1).orElseThrow();
        TimelineReport t2 = r.timeline(2).orElseThrow();
        assertEquals(List.of(), t1.gaps());
        assertEquals(2, t1.checkedFrom(), "from the base backup's start segment");
        assertEquals(1, t2.parent());
        // Timeline 1's segment 4 is past the switchpoint: not on timeline 2's lineage, so 4 is missing there.
        assertEquals(List.of(new Gap("000000020000000000000004", "000000020000000000000004", 4, 4)), t2.gaps());
        assertEquals(List.of("000000010000000000000004.partial"), r.partials());
        assertEquals(List.of(), r.historyProblems());
        assertEquals(202, r.lastCommit().orElseThrow().xid());
        assertEquals(104, r.lastCommit(1).orElseThrow().xid());
        assertEquals(2, t2.commits());
        assertEquals(4, t1.commits());
        assertEquals(3, ArchiveInspector.inspect(dir, true).timeline(1).orElseThrow().commits(),
                "segment 1, before the base backup, is not read");
        assertFalse(r.clean());
        CommitsAfter after = ArchiveInspector.commitsAfter(dir, 2, 0x200000);
        assertEquals(List.of(102L, 200L, 202L), List.of(after.first().orElseThrow().xid(), 200L,
                after.last().orElseThrow().xid()));
        assertEquals(3, after.commits(), "102 on timeline 1, then 200 and 202 on timeline 2 (201 is in the gap)");
        assertEquals(1, after.gaps().size());
        assertEquals(List.of(), after.damaged());
    }

    @Test
    void segmentsCompressedInAnUnknownFormatAreReportedNotSkipped() throws IOException {
        twoTimelines();
        Files.write(dir.resolve("000000010000000000000005.br"), new byte[] {0x1f, (byte) 0x8b});
        ArchiveReport r = ArchiveInspector.inspect(dir);
        assertEquals(1, r.unreadable().size());
        assertTrue(r.unreadable().get(0).reason().startsWith("compressed (.br): not a format the reader knows"),
                r.unreadable().get(0).reason());
        assertTrue(r.timeline(1).orElseThrow().damaged().stream()
                .anyMatch(d -> d.segment().equals("000000010000000000000005.br")));
    }

    @Test
    void truncatedGzipSegmentIsDamage() throws IOException {
        twoTimelines();
        Files.write(dir.resolve("000000010000000000000005.gz"), new byte[] {0x1f, (byte) 0x8b});
        ArchiveReport r = ArchiveInspector.inspect(dir);
        assertEquals(List.of(), r.unreadable());
        Damage d = r.timeline(1).orElseThrow().damaged().stream().filter(x -> x.segno() == 5).findFirst()
                .orElseThrow();
        assertTrue(d.reason().startsWith("cannot read: "), d.reason());
    }

    @Test
    void segmentNamedGzThatIsNotGzipIsDamageNamingTheBytesFound() throws IOException {
        twoTimelines();
        Files.move(dir.resolve("000000010000000000000004"), dir.resolve("000000010000000000000004.gz"));
        ArchiveReport r = ArchiveInspector.inspect(dir);
        Damage d = r.timeline(1).orElseThrow().damaged().stream().filter(x -> x.segno() == 4).findFirst()
                .orElseThrow();
        assertTrue(d.reason().startsWith("cannot read: named .gz but does not start with gzip's magic bytes 1f 8b "
                + "(found "), d.reason());
    }

    @Test
    void timelineWithoutHistoryIsAProblem() throws IOException {
        twoTimelines();
        Files.delete(dir.resolve("00000002.history"));
        ArchiveReport r = ArchiveInspector.inspect(dir);
        assertTrue(r.historyProblems().get(0).contains("no 00000002.history"), r.historyProblems().toString());
    }
}
