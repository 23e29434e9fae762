package io.restorecheck.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class NamesAndFilesTest {
    private static final int MB16 = 16 << 20;
    private static final int MB64 = 64 << 20;

    @Test
    void segmentNamesCrossTheFfBoundaryWithoutSkipping() {
        assertEquals(256, SegmentName.segmentsPerLogId(MB16));
        assertEquals("0000000100000000000000FF", SegmentName.fileName(1, 255, MB16));
        assertEquals("000000010000000100000000", SegmentName.fileName(1, 256, MB16));
        assertEquals(Optional.of(new SegmentName(1, 255)), SegmentName.parse("0000000100000000000000FF", MB16));
        assertEquals(Optional.of(new SegmentName(1, 256)), SegmentName.parse("000000010000000100000000", MB16));
        assertEquals(Optional.of(new SegmentName(3, 0x1234 * 256L + 0x56)),
                SegmentName.parse("000000030000123400000056", MB16));
    }

    @Test
    void sixtyFourMegabyteSegmentsHaveSixtyFourPerLogId() {
        assertEquals(64, SegmentName.segmentsPerLogId(MB64));
        assertEquals("00000001000000000000003F", SegmentName.fileName(1, 63, MB64));
        assertEquals("000000010000000100000000", SegmentName.fileName(1, 64, MB64));
        assertEquals(Optional.empty(), SegmentName.parse("000000010000000000000040", MB64), "low part beyond 63");
        assertEquals(64L * MB64, new SegmentName(1, 64).startLsn(MB64));
        assertEquals(new SegmentName(2, 65), SegmentName.of(2, Lsn.parse("1/04000028"), MB64));
    }

    @Test
    void notSegmentNames() {
        assertEquals(Optional.empty(), SegmentName.parse("00000001.history", MB16));
        assertEquals(Optional.empty(), SegmentName.parse("000000010000000000000001.partial", MB16));
        assertEquals(Optional.empty(), SegmentName.parse("00000001000000000000000a", MB16), "lower case");
        assertEquals(Optional.empty(), SegmentName.parse("000000000000000000000001", MB16), "timeline 0");
    }

    @Test
    void lsnsParseWithAnyWidthAndPrintPadded() {
        assertEquals(0x0A340A68L, Lsn.parse("0/A340A68"));
        assertEquals(0x0A340A68L, Lsn.parse("0/0A340A68"));
        assertEquals(0x1_0000_0028L, Lsn.parse("1/28"));
        assertEquals("0/0A35C130", Lsn.format(0x0A35C130L));
        assertEquals("1F/00000028", Lsn.format(0x1F_0000_0028L));
        assertThrows(IllegalArgumentException.class, () -> Lsn.parse("0A35C130"));
    }

    @Test
    void timelineHistoryListsEveryAncestor() {
        TimelineHistory h = TimelineHistory.parse(3, "1\t0/A340A68\tafter transaction 10431\n\n"
                + "# comment\n2\t0/B000000\tno recovery target specified\n");
        assertEquals(2, h.switches().size());
        assertEquals(2, h.parent());
        assertEquals(0x0B000000L, h.begin());
        assertEquals(new TimelineHistory.Switch(1, 0x0A340A68L, "after transaction 10431"), h.switches().get(0));
        assertEquals(java.util.List.of(), h.problems());
        Lineage l = Lineage.of(3, java.util.Map.of(3, h));
        assertEquals(1, l.timelineAt(0x0A000000L));
        assertEquals(2, l.timelineAt(0x0A340A68L));
        assertEquals(3, l.timelineAt(0x0B000000L));
    }

    @Test
    void timelineHistoryProblems() {
        TimelineHistory h = TimelineHistory.parse(2, "2\t0/5000000\tx\n");
        assertTrue(h.problems().get(0).contains("not older"), h.problems().toString());
        assertThrows(IllegalArgumentException.class, () -> TimelineHistory.parse(2, "1 nonsense\n"));
    }

    @Test
    void backupHistoryFileGivesStartAndStop() {
        String text = """
                START WAL LOCATION: 0/2000028 (file 000000010000000000000002)
                STOP WAL LOCATION: 0/2000100 (file 000000010000000000000002)
                CHECKPOINT LOCATION: 0/2000060
                BACKUP METHOD: streamed
                BACKUP FROM: primary
                START TIME: 2026-11-26 14:47:41 UTC
                LABEL: restorecheck-demo
                START TIMELINE: 1
                STOP TIME: 2026-11-26 14:47:47 UTC
                STOP TIMELINE: 1
                """;
        BackupHistory b = BackupHistory.parse("000000010000000000000002.00000028.backup", text);
        assertEquals(0x02000028L, b.startLsn());
        assertEquals(0x02000100L, b.stopLsn());
        assertEquals(1, b.startTimeline());
        assertEquals("restorecheck-demo", b.label());
        assertEquals("2026-11-26 14:47:41 UTC", b.startTime());
        assertThrows(IllegalArgumentException.class, () -> BackupHistory.parse("000000010000000000000002.00000028.backup",
                "LABEL: x\n"));
    }

    @Test
    void crc32cIsCastagnoliWithTheStandardCheckValue() {
        CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xE3069283L, crc.getValue());
    }

    @Test
    void commitRecordPartsAreSkippedToTheTwoPhaseXid() {
        // COMMIT_PREPARED main data: time, xinfo DBINFO|SUBXACTS|RELFILENODES|DROPPED_STATS|TWOPHASE, parts, xid 4711
        byte[] m = new byte[8 + 4 + 8 + (4 + 8) + (4 + 12) + (4 + 12) + 4];
        Bytes.putI64(m, 0, 123_456_789L);
        Bytes.putI32(m, 8, 0x01 | 0x02 | 0x04 | 0x100 | 0x10);
        int p = 20;
        Bytes.putI32(m, p, 2);
        p += 4 + 8;
        Bytes.putI32(m, p, 1);
        p += 4 + 12;
        Bytes.putI32(m, p, 1);
        p += 4 + 12;
        Bytes.putI32(m, p, 4711);
        byte[] body = new byte[2 + m.length];
        body[0] = (byte) 255;
        body[1] = (byte) m.length;
        System.arraycopy(m, 0, body, 2, m.length);
        XactRecord r = XactDecoder.decode(body, 0, body.length, 0x80 | 0x30, 0, 0x100, 15, 1).orElseThrow();
        assertEquals(XactRecord.Kind.COMMIT_PREPARED, r.kind());
        assertEquals(4711, r.xid());
        assertEquals(123_456_789L + XactRecord.PG_EPOCH_MICROS, r.timeMicros());
        // PostgreSQL 18 dropped-stats items are 16 bytes: the same bytes then do not fit.
        assertThrows(IllegalArgumentException.class,
                () -> XactDecoder.decode(body, 0, body.length, 0x80 | 0x30, 0, 0x100, 18, 1));
        // A PREPARE record is not a commit or abort.
        assertEquals(Optional.empty(), XactDecoder.decode(body, 0, body.length, 0x10, 0, 0x100, 15, 1));
    }

    @Test
    void fragmentHeadersWithBlockReferencesAreSkippedToTheMainData() {
        // block 0: fork_flags HAS_DATA, data 3 bytes, relfilenode + block; then DATA_SHORT 8
        byte[] b = new byte[1 + 1 + 2 + 12 + 4 + 2 + 3 + 8];
        int p = 0;
        b[p++] = 0;
        b[p++] = 0x20;
        Bytes.putI16(b, p, 3);
        p += 2 + 12 + 4;
        b[p++] = (byte) 255;
        b[p++] = 8;
        assertEquals(8, XactDecoder.mainDataLength(b, 0, b.length, 15));
    }
}
