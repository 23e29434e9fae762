package io.restorecheck.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes WAL the way PostgreSQL 15 lays it out (page headers, long headers, records spanning pages and segments,
 * CRC-32C in the server's order, XLOG_SWITCH), into 1 MiB segments, so reader tests control every byte.
 */
final class SyntheticWal {
    static final int SEG = 1 << 20;
    static final int PAGE = 8192;
    static final long SYSID = 7_300_000_000_000_000_001L;
    static final long PG_EPOCH_MICROS = 946_684_800L * 1_000_000L;

    private final int timeline;
    private final long startSegno;
    private byte[] buf = new byte[4 * SEG];
    private long pos;
    private long prev;
    final List<Long> recordLsns = new ArrayList<>();

    SyntheticWal(int timeline, long startSegno) {
        this.timeline = timeline;
        this.startSegno = startSegno;
        this.pos = startSegno * SEG;
    }

    /** Continue from another writer's record (a new timeline's first record points back into its parent). */
    void previous(long lsn) {
        prev = lsn;
    }

    long position() {
        return pos;
    }

    /** Appends a record; returns its LSN. {@code body} is everything after the 24-byte header. */
    long append(int rmid, int info, long xid, byte[] body) {
        int tot = 24 + body.length;
        byte[] rec = new byte[tot];
        Bytes.putI32(rec, 0, tot);
        Bytes.putI32(rec, 4, (int) xid);
        System.arraycopy(body, 0, rec, 24, body.length);
        rec[16] = (byte) info;
        rec[17] = (byte) rmid;
        if (pos % PAGE == 0) {
            header(pos, 0);
            pos += headerSize(pos);
        }
        long lsn = pos;
        Bytes.putI64(rec, 8, prev);
        CRC32C crc = new CRC32C();
        crc.update(rec, 24, tot - 24);
        crc.update(rec, 0, 20);
        Bytes.putI32(rec, 20, (int) crc.getValue());
        int i = 0;
        while (i < tot) {
            long pageEnd = (pos / PAGE + 1) * PAGE;
            int n = (int) Math.min(pageEnd - pos, tot - i);
            put(pos, rec, i, n);
            i += n;
            pos += n;
            if (i < tot) {
                header(pos, tot - i);
                pos += headerSize(pos);
            }
        }
        pos = Lsn.maxAlign(pos);
        prev = lsn;
        recordLsns.add(lsn);
        return lsn;
    }

    long commit(long xid, long unixMicros) {
        return append(1, 0x00, xid, mainData(time(unixMicros)));
    }

    long abort(long xid, long unixMicros) {
        return append(1, 0x20, xid, mainData(time(unixMicros)));
    }

    /** COMMIT_PREPARED with xinfo DBINFO + SUBXACTS(2) + INVALS(1) + TWOPHASE; header xid 0. */
    long commitPrepared(long preparedXid, long unixMicros) {
        byte[] m = new byte[8 + 4 + 8 + 4 + 8 + 4 + 16 + 4];
        Bytes.putI64(m, 0, unixMicros - PG_EPOCH_MICROS);
        Bytes.putI32(m, 8, 0x01 | 0x02 | 0x08 | 0x10);
        Bytes.putI32(m, 12, 5);
        Bytes.putI32(m, 16, 1663);
        Bytes.putI32(m, 20, 2);
        Bytes.putI32(m, 24, 901);
        Bytes.putI32(m, 28, 902);
        Bytes.putI32(m, 32, 1);
        Bytes.putI32(m, 52, (int) preparedXid);
        return append(1, 0x80 | 0x30, 0, mainData(m));
    }

    /** A non-transactional record of {@code len} body bytes (e.g. a logical message): spans pages when large. */
    long filler(int len) {
        byte[] body = new byte[len];
        for (int i = 0; i < len; i++) {
            body[i] = (byte) (i * 31 + 7);
        }
        // Main data as DATA_LONG so the fragment headers stay valid.
        byte[] b = new byte[len + 5];
        b[0] = (byte) 254;
        Bytes.putI32(b, 1, len);
        System.arraycopy(body, 0, b, 5, len);
        return append(21, 0, 0, b);
    }

    /** XLOG_SWITCH: the rest of the segment stays zero, the next record starts the next segment. */
    long switchSegment() {
        long lsn = append(0, 0x40, 0, new byte[0]);
        pos = (lsn / SEG + 1) * SEG;
        return lsn;
    }

    /** Writes whole segments from the first to the one holding the current position (zero tail included). */
    List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        long last = (pos - 1) / SEG;
        for (long s = startSegno; s <= last; s++) {
            byte[] seg = new byte[SEG];
            System.arraycopy(buf, (int) ((s - startSegno) * SEG), seg, 0, SEG);
            Path f = dir.resolve(SegmentName.fileName(timeline, s, SEG));
            Files.write(f, seg);
            files.add(f);
        }
        return files;
    }

    private static byte[] time(long unixMicros) {
        byte[] m = new byte[8];
        Bytes.putI64(m, 0, unixMicros - PG_EPOCH_MICROS);
        return m;
    }

    private static byte[] mainData(byte[] main) {
        byte[] b = new byte[2 + main.length];
        b[0] = (byte) 255;
        b[1] = (byte) main.length;
        System.arraycopy(main, 0, b, 2, main.length);
        return b;
    }

    private int headerSize(long lsn) {
        return lsn % SEG == 0 ? 40 : 24;
    }

    private void header(long lsn, int remLen) {
        byte[] h = new byte[40];
        boolean first = lsn % SEG == 0;
        Bytes.putI16(h, 0, 0xD110);
        Bytes.putI16(h, 2, (first ? 0x0002 : 0) | (remLen > 0 ? 0x0001 : 0) | 0x0004);
        Bytes.putI32(h, 4, timeline);
        Bytes.putI64(h, 8, lsn);
        Bytes.putI32(h, 16, remLen);
        if (first) {
            Bytes.putI64(h, 24, SYSID);
            Bytes.putI32(h, 32, SEG);
            Bytes.putI32(h, 36, PAGE);
        }
        put(lsn, h, 0, first ? 40 : 24);
    }

    private void put(long lsn, byte[] src, int off, int n) {
        long at = lsn - startSegno * SEG;
        while (at + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        System.arraycopy(src, off, buf, (int) at, n);
    }
}
