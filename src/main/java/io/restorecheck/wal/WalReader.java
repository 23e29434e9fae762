package io.restorecheck.wal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Streams the records of a sequence of segment files (one timeline's lineage, in segment order) and reports
 * commits, aborts, damage and gaps to a {@link Visitor}. Memory stays bounded: one 1 MiB read buffer, and only
 * Transaction records are kept whole while they are assembled; every other record is checked (CRC-32C) as its
 * bytes stream past. After a gap or damage it resynchronises on the next page with a valid header, as
 * PostgreSQL's XLogFindNextRecord does, so it can tell what lies beyond.
 */
public final class WalReader {
    /** A segment file to read and the timeline whose file it is. */
    public record SegmentFile(int timeline, long segno, Path path) {
    }

    /** What a read reports as it goes. */
    public interface Visitor {
        default void xact(XactRecord record) {
        }

        /** Damage is reported once a later page shows that the WAL goes on (else it is the end of the WAL). */
        default void damage(Damage damage) {
        }

        /** Segments {@code [fromSegno, toSegno]} are not in the file list. */
        default void gap(int timeline, long fromSegno, long toSegno) {
        }
    }

    /**
     * What a read saw.
     *
     * @param records     records whose CRC matched
     * @param recordBytes their total length
     * @param fileBytes   bytes of the pages read from files (up to a WAL switch)
     * @param files       files read
     * @param major       PostgreSQL major from the page magic (0 when no valid page was found)
     * @param endLsn      end of the last good record (0 when none)
     * @param systemId    database system identifier from the long headers (0 when none)
     */
    public record Stats(long records, long recordBytes, long fileBytes, long files, int major, long endLsn,
                        long systemId) {
    }

    private static final int CHUNK = 128 * PageHeader.PAGE_SIZE;
    private static final int STITCH_CHUNK = 4 * PageHeader.PAGE_SIZE;
    private static final int RECORD_HEADER = 24;
    private static final long MAX_RECORD = 1020L * 1024 * 1024;
    private static final int MAX_RETAINED = 64 << 20;
    private static final int RM_XLOG = 0;
    private static final int XLOG_SWITCH = 0x40;

    private final int segSize;
    private Visitor visitor;
    private byte[] chunk;
    private final CRC32C crc = new CRC32C();
    private final byte[] hdr = new byte[RECORD_HEADER];
    private final List<Damage> pending = new ArrayList<>();

    private int magic = -1;
    private int major;
    private long sysid;
    private int lastPageTli;
    private SegmentFile file;
    private boolean resync = true;
    private boolean firstAfterResync = true;
    private boolean goodSinceDamage = true;
    private boolean switched;
    private long prevLsn;
    private boolean inRecord;
    private SegmentFile recFile;
    private long recLsn;
    private long totLen;
    private long have;
    private boolean retain;
    private byte[] body = new byte[256];
    private int bodyHave;
    private long records;
    private long recordBytes;
    private long fileBytes;
    private long files;
    private long endLsn;
    private long expected = -1;
    // Parallel reading (ParallelWalRead): a speculative reader records its state at every page start; the reader
    // carrying the true state compares its own against them and stops where they agree.
    private List<Snapshot> snapshots;
    private ParallelWalRead.Recorder recorder;
    private List<Snapshot> watch;
    private int converged = -1;
    private boolean stopped;
    private long pagesCompared;
    private boolean snapshotting;

    private WalReader(int segSize, Visitor visitor) {
        this.segSize = segSize;
        this.visitor = visitor;
        this.chunk = new byte[Math.min(CHUNK, segSize)];
    }

    /** Reads {@code segments} (sorted by segment number) of an archive whose segments are {@code segSize} bytes. */
    public static Stats read(List<SegmentFile> segments, int segSize, Visitor visitor) {
        return read(segments, segSize, visitor, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads with {@code workers} threads, one segment at a time each (see {@link ParallelWalRead}); reports exactly
     * what the sequential read ({@code workers} = 1) reports, in the same order.
     */
    public static Stats read(List<SegmentFile> segments, int segSize, Visitor visitor, int workers) {
        checkSegSize(segSize);
        if (workers > 1 && segments.size() > 1) {
            return ParallelWalRead.read(segments, segSize, visitor, workers).stats();
        }
        WalReader r = plain(segSize, visitor);
        for (SegmentFile f : segments) {
            r.next(f);
        }
        return r.stats();
    }

    static void checkSegSize(int segSize) {
        if (Integer.bitCount(segSize) != 1 || segSize < (1 << 20) || segSize > (1 << 30)) {
            throw new IllegalArgumentException("segment size " + segSize + " is not a power of two in 1 MiB..1 GiB");
        }
    }

    /** Pages this reader, carrying the true state, read before it met the speculative reads (all stitches). */
    long pagesReadTwice() {
        return pagesCompared;
    }

    Stats stats() {
        return new Stats(records, recordBytes, fileBytes, files, major, endLsn, sysid);
    }

    /** The next file of the sequence: a gap before it when segments are missing, then its pages. */
    void next(SegmentFile f) {
        if (expected >= 0 && f.segno() != expected) {
            if (f.segno() < expected) {
                throw new IllegalArgumentException("segments not sorted: " + f.path());
            }
            visitor.gap(f.timeline(), expected, f.segno() - 1);
            lostPosition();
        }
        readFile(f);
        expected = f.segno() + 1;
    }

    /** A reader in the initial state reporting to {@code visitor}. */
    static WalReader plain(int segSize, Visitor visitor) {
        return new WalReader(segSize, visitor);
    }

    /** A reader in the initial state that records what it reports and its state at every page start. */
    static WalReader speculative(int segSize, ParallelWalRead.Recorder recorder, byte[] buffer) {
        WalReader r = new WalReader(segSize, recorder);
        r.recorder = recorder;
        r.snapshots = new ArrayList<>(segSize / PageHeader.PAGE_SIZE);
        r.snapshotting = true;
        r.chunk = buffer;
        return r;
    }

    /** A speculative reader keeps states only for its first segment, where the true read meets it. */
    void endSnapshots() {
        snapshotting = false;
    }

    /** The read buffer, for the next speculative reader on the same thread once this one is done with it. */
    byte[] buffer() {
        return chunk;
    }

    static int bufferSize(int segSize) {
        return Math.min(CHUNK, segSize);
    }

    /**
     * Carries on the true read into {@code f}, which {@code spec} (a {@link #speculative} reader) has read from
     * the initial state. Reads {@code f} only until its state equals spec's at the start of a page; from there on
     * both read the same bytes in the same state, so spec's reports from that page on are replayed to this
     * reader's visitor, and spec, with this read's counts, carries on. Returns the reader that carries on.
     */
    WalReader stitch(SegmentFile f, WalReader spec) {
        watch = spec.snapshots;
        converged = -1;
        next(f);
        watch = null;
        stopped = false;
        if (converged < 0) {
            return this;
        }
        Snapshot at = spec.snapshots.get(converged);
        spec.recorder.replay(at.events(), visitor);
        spec.records += records - at.records();
        spec.recordBytes += recordBytes - at.recordBytes();
        spec.fileBytes += fileBytes - at.fileBytes();
        spec.files += files - at.files();
        spec.pagesCompared = pagesCompared;
        spec.visitor = visitor;
        spec.recorder = null;
        spec.snapshots = null;
        // The worker's buffer goes back to its thread; the carrier keeps its own.
        spec.chunk = chunk;
        return spec;
    }

    /**
     * Everything that decides what the reader does with the following bytes (not the counters): two readers
     * in equal states at the same page read the rest identically.
     */
    private record State(int magic, int major, long sysid, int lastPageTli, boolean resync, boolean firstAfterResync,
                         boolean goodSinceDamage, long prevLsn, long endLsn, List<Damage> pending, boolean inRecord,
                         SegmentFile recFile, long recLsn, long totLen, long have, boolean retain, int bodyHave,
                         long crc) {
    }

    private record Snapshot(long offInSeg, State state, int events, long records, long recordBytes, long fileBytes,
                            long files) {
    }

    private State state() {
        List<Damage> pendingNow = pending.isEmpty() ? List.of() : List.copyOf(pending);
        return inRecord
                ? new State(magic, major, sysid, lastPageTli, resync, firstAfterResync, goodSinceDamage, prevLsn, endLsn,
                pendingNow, true, recFile, recLsn, totLen, have, retain, bodyHave, crc.getValue())
                : new State(magic, major, sysid, lastPageTli, resync, firstAfterResync, goodSinceDamage, prevLsn, endLsn,
                pendingNow, false, null, 0, 0, 0, false, 0, 0);
    }

    /**
     * Called at every page start; false when this (carrying) reader has met the speculative one and stops.
     * Counts the page as read (pages after a WAL switch are not read).
     */
    private boolean beforePage(long offInSeg) {
        if (snapshots != null && snapshotting) {
            snapshots.add(new Snapshot(offInSeg, state(), recorder.size(), records, recordBytes, fileBytes, files));
        } else if (watch != null) {
            pagesCompared++;
            int i = (int) (offInSeg / PageHeader.PAGE_SIZE);
            if (i < watch.size() && watch.get(i).offInSeg() == offInSeg && watch.get(i).state().equals(state())) {
                converged = i;
                stopped = true;
                return false;
            }
        }
        fileBytes += PageHeader.PAGE_SIZE;
        return true;
    }

    private void lostPosition() {
        inRecord = false;
        resync = true;
    }

    private void readFile(SegmentFile f) {
        file = f;
        switched = false;
        files++;
        long size;
        Optional<Compression> compression = Compression.ofFileName(f.path().getFileName().toString());
        try {
            size = compression.isPresent() ? readStream(f, compression.get()) : readPlain(f);
        } catch (IOException | UncheckedIOException | InternalError e) {
            // InternalError: how an I/O error under a mapped page surfaces; plain segments are read(), not mapped, now,
            // but a native-code I/O error is still damage of this segment, not a crash.
            report(new Damage(f.timeline(), name(f), f.segno(), 0, "cannot read: " + e.getMessage()), true);
            lostPosition();
            return;
        }
        if (stopped) {
            return;
        }
        if (size < segSize) {
            // PostgreSQL refuses an archived segment of the wrong size ("archive file has wrong size").
            report(new Damage(f.timeline(), name(f), f.segno(), size, "file is " + size + " bytes"
                    + (compression.isPresent() ? " decompressed" : "") + ", segments are " + segSize), true);
            lostPosition();
        }
    }

    /** A plain segment: returns its size. */
    private long readPlain(SegmentFile f) throws IOException {
        long segStart = f.segno() * segSize;
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            long size = ch.size();
            long readable = Math.min(size, segSize) / PageHeader.PAGE_SIZE * PageHeader.PAGE_SIZE;
            // read() into the heap buffer, not a mapping: on the VMs measured, faulting in a mapping's 4 KiB pages
            // cost about 3x the cpu of read() copying the same bytes (WalReadBench prints both floors).
            ByteBuffer into = ByteBuffer.wrap(chunk);
            long off = 0;
            while (off < readable && !switched && !stopped) {
                // While stitching, the states usually meet within a page or two: read a few pages at a time.
                int want = (int) Math.min(watch != null ? STITCH_CHUNK : chunk.length, readable - off);
                into.clear().limit(want);
                while (into.hasRemaining()) {
                    if (ch.read(into, off + into.position()) < 0) {
                        return off + into.position(); // the file shrank while being read
                    }
                }
                for (int p = 0; p < want && !switched && beforePage(off + p); p += PageHeader.PAGE_SIZE) {
                    page(chunk, p, segStart + off + p, off + p);
                }
                off += want;
            }
            return size;
        }
    }

    /**
     * A compressed segment, decompressed as a stream into the same chunk buffer (nothing is written to disk).
     * Returns its decompressed size; after a WAL switch the rest is only counted, not checked, as in a plain file.
     */
    private long readStream(SegmentFile f, Compression compression) throws IOException {
        long segStart = f.segno() * segSize;
        try (InputStream in = compression.open(f.path())) {
            long off = 0;
            while (off < segSize && !switched) {
                int want = (int) Math.min(chunk.length, segSize - off);
                int n = in.readNBytes(chunk, 0, want);
                int pages = n / PageHeader.PAGE_SIZE * PageHeader.PAGE_SIZE;
                for (int p = 0; p < pages && !switched && beforePage(off + p); p += PageHeader.PAGE_SIZE) {
                    page(chunk, p, segStart + off + p, off + p);
                }
                if (stopped) {
                    return off;
                }
                off += n;
                if (n < want) {
                    return off;
                }
            }
            return off + in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private String name(SegmentFile f) {
        return SegmentName.fileName(f.timeline(), f.segno(), segSize);
    }

    private void page(byte[] b, int p, long pageLsn, long offInSeg) {
        String bad = checkPage(b, p, pageLsn, offInSeg);
        if (bad != null) {
            report(new Damage(file.timeline(), name(file), file.segno(), offInSeg, bad), false);
            lostPosition();
            return;
        }
        confirmPending();
        int info = PageHeader.info(b, p);
        int hdrLen = PageHeader.size(info);
        int end = p + PageHeader.PAGE_SIZE;
        int pos = p + hdrLen;
        if (inRecord) {
            long toCome = totLen - have;
            int remLen = PageHeader.remLen(b, p);
            if ((info & PageHeader.FIRST_IS_OVERWRITE_CONTRECORD) != 0) {
                // A crash lost the record's tail; new WAL was written where it would have continued.
                inRecord = false;
                firstAfterResync = true;
            } else if ((info & PageHeader.FIRST_IS_CONTRECORD) == 0 || remLen != toCome) {
                report(new Damage(file.timeline(), name(file), file.segno(), offInSeg, "page " + Lsn.format(pageLsn)
                        + " should continue record " + Lsn.format(recLsn) + " (" + toCome + " bytes to come) but "
                        + ((info & PageHeader.FIRST_IS_CONTRECORD) == 0 ? "has no continuation flag"
                        : "says " + Integer.toUnsignedString(remLen) + " bytes")), false);
                lostPosition();
            } else {
                int n = (int) Math.min(toCome, end - pos);
                if (!feed(b, pos, n)) {
                    lostPosition();
                    return;
                }
                pos += n;
                if (have < totLen) {
                    return;
                }
                finishRecord();
                if (switched) {
                    return;
                }
                pos = p + (int) (Lsn.maxAlign(pageLsn + (pos - p)) - pageLsn);
            }
        } else if (!resync && (info & PageHeader.FIRST_IS_CONTRECORD) != 0) {
            report(new Damage(file.timeline(), name(file), file.segno(), offInSeg, "page " + Lsn.format(pageLsn)
                    + " continues a record, but the previous record ended before it"), false);
            lostPosition();
        }
        if (resync) {
            if ((info & PageHeader.FIRST_IS_CONTRECORD) != 0) {
                long skip = Lsn.maxAlign(Integer.toUnsignedLong(PageHeader.remLen(b, p)));
                if (skip >= PageHeader.PAGE_SIZE - hdrLen) {
                    return;
                }
                pos = p + hdrLen + (int) skip;
            } else {
                pos = p + hdrLen;
            }
            resync = false;
            firstAfterResync = true;
        }
        records(b, p, pos, end, pageLsn);
    }

    private void records(byte[] b, int p, int pos, int end, long pageLsn) {
        while (!switched && pos < end) {
            long lsn = pageLsn + (pos - p);
            long len = Bytes.u32(b, pos);
            if (len < RECORD_HEADER || len > MAX_RECORD) {
                String why = len == 0 ? "no record at " + Lsn.format(lsn) + " (length 0)"
                        : "invalid record length " + len + " at " + Lsn.format(lsn);
                report(new Damage(file.timeline(), name(file), file.segno(), lsn - file.segno() * segSize, why), false);
                lostPosition();
                return;
            }
            if (len <= end - pos && wholeRecordOnPage(b, pos, (int) len, lsn)) {
                pos = p + (int) (Lsn.maxAlign(lsn + len) - pageLsn);
                continue;
            }
            inRecord = true;
            recFile = file;
            recLsn = lsn;
            totLen = len;
            have = 0;
            bodyHave = 0;
            retain = false;
            crc.reset();
            int n = (int) Math.min(len, end - pos);
            if (!feed(b, pos, n)) {
                lostPosition();
                return;
            }
            if (have < totLen) {
                return;
            }
            finishRecord();
            pos = p + (int) (Lsn.maxAlign(lsn + len) - pageLsn);
        }
    }

    /**
     * The common case, checked in place: a record that is not a transaction record, whole on this page, with a
     * valid header and CRC. Returns false, having changed nothing that matters, for anything else: the general
     * path then reads the record and reports what is wrong exactly as before.
     */
    private boolean wholeRecordOnPage(byte[] b, int pos, int len, long lsn) {
        int rmid = Bytes.u8(b, pos + 17);
        if (rmid == XactDecoder.RM_XACT || (rmid > 21 && !(rmid >= 128 && major >= 15))) {
            return false;
        }
        long prev = Bytes.i64(b, pos + 8);
        if (firstAfterResync ? Long.compareUnsigned(prev, lsn) >= 0 : prev != prevLsn) {
            return false;
        }
        crc.reset();
        crc.update(b, pos + RECORD_HEADER, len - RECORD_HEADER);
        crc.update(b, pos, 20);
        if ((int) crc.getValue() != Bytes.i32(b, pos + 20)) {
            return false;
        }
        confirmPending();
        records++;
        recordBytes += len;
        prevLsn = lsn;
        firstAfterResync = false;
        goodSinceDamage = true;
        endLsn = lsn + len;
        if (rmid == RM_XLOG && (Bytes.u8(b, pos + 16) & 0xF0) == XLOG_SWITCH) {
            switched = true;
        }
        return true;
    }

    private boolean feed(byte[] b, int off, int n) {
        if (have < RECORD_HEADER) {
            int k = (int) Math.min(RECORD_HEADER - have, n);
            System.arraycopy(b, off, hdr, (int) have, k);
            have += k;
            off += k;
            n -= k;
            if (have == RECORD_HEADER && !headerOk()) {
                return false;
            }
        }
        if (n > 0) {
            crc.update(b, off, n);
            if (retain) {
                System.arraycopy(b, off, body, bodyHave, n);
                bodyHave += n;
            }
            have += n;
        }
        return true;
    }

    private boolean headerOk() {
        int rmid = Bytes.u8(hdr, 17);
        long prev = Bytes.i64(hdr, 8);
        String bad = null;
        if (rmid > 21 && !(rmid >= 128 && major >= 15)) {
            bad = "invalid resource manager id " + rmid + " in record at " + Lsn.format(recLsn);
        } else if (firstAfterResync ? Long.compareUnsigned(prev, recLsn) >= 0 : prev != prevLsn) {
            bad = "record at " + Lsn.format(recLsn) + " points back to " + Lsn.format(prev) + ", expected "
                    + (firstAfterResync ? "an earlier LSN" : Lsn.format(prevLsn));
        }
        if (bad != null) {
            report(new Damage(recFile.timeline(), name(recFile), recFile.segno(), recLsn - recFile.segno() * segSize,
                    bad), false);
            return false;
        }
        if (rmid == XactDecoder.RM_XACT && totLen - RECORD_HEADER <= MAX_RETAINED) {
            retain = true;
            if (body.length < totLen - RECORD_HEADER) {
                body = new byte[(int) Math.max(totLen - RECORD_HEADER, body.length * 2L)];
            }
        }
        return true;
    }

    private void finishRecord() {
        inRecord = false;
        crc.update(hdr, 0, 20);
        int stored = Bytes.i32(hdr, 20);
        int computed = (int) crc.getValue();
        long offset = recLsn - recFile.segno() * segSize;
        if (computed != stored) {
            report(new Damage(recFile.timeline(), name(recFile), recFile.segno(), offset, "CRC mismatch in record at "
                    + Lsn.format(recLsn) + " (" + totLen + " bytes): stored " + hex(stored) + ", computed "
                    + hex(computed)), false);
            // Resume right after it if the next record points back at it (only its contents were damaged).
            prevLsn = recLsn;
            firstAfterResync = false;
            return;
        }
        confirmPending();
        records++;
        recordBytes += totLen;
        prevLsn = recLsn;
        firstAfterResync = false;
        goodSinceDamage = true;
        endLsn = recLsn + totLen;
        int rmid = Bytes.u8(hdr, 17);
        int info = Bytes.u8(hdr, 16);
        if (rmid == RM_XLOG && (info & 0xF0) == XLOG_SWITCH) {
            // The switch owns the rest of its segment: the next record starts the next segment.
            switched = recFile == file;
            return;
        }
        if (rmid == XactDecoder.RM_XACT && retain) {
            try {
                XactDecoder.decode(body, 0, bodyHave, info, Bytes.u32(hdr, 4), recLsn, major, recFile.timeline())
                        .ifPresent(visitor::xact);
            } catch (IllegalArgumentException e) {
                report(new Damage(recFile.timeline(), name(recFile), recFile.segno(), offset,
                        "transaction record at " + Lsn.format(recLsn) + " does not decode: " + e.getMessage()), true);
            }
        }
    }

    private String checkPage(byte[] b, int p, long pageLsn, long offInSeg) {
        int m = PageHeader.magic(b, p);
        int info = PageHeader.info(b, p);
        long addr = PageHeader.pageAddr(b, p);
        if (m == 0 && info == 0 && addr == 0 && PageHeader.allZero(b, p, PageHeader.PAGE_SIZE)) {
            return "page " + Lsn.format(pageLsn) + " is all zeros";
        }
        if (!PageHeader.MAJOR_BY_MAGIC.containsKey(m)) {
            return "invalid page magic " + hex16(m) + " at page " + Lsn.format(pageLsn)
                    + (PageHeader.MAJOR_BY_MAGIC.containsKey(((m & 0xFF) << 8) | (m >>> 8))
                    ? " (written by a big-endian server?)" : "");
        }
        if (magic != -1 && m != magic) {
            return "page magic " + hex16(m) + " differs from " + hex16(magic) + " at page " + Lsn.format(pageLsn);
        }
        if ((info & ~PageHeader.ALL_FLAGS) != 0) {
            return "invalid info bits " + hex16(info) + " at page " + Lsn.format(pageLsn);
        }
        if (addr != pageLsn) {
            return "page address " + Lsn.format(addr) + " where " + Lsn.format(pageLsn) + " was expected"
                    + (Long.compareUnsigned(addr, pageLsn) < 0 && addr % segSize == pageLsn % segSize
                    ? " (a recycled segment)" : "");
        }
        if (offInSeg == 0) {
            if ((info & PageHeader.LONG_HEADER) == 0) {
                return "no long header on the segment's first page";
            }
            if (PageHeader.segSize(b, p) != segSize) {
                return "long header says segment size " + PageHeader.segSize(b, p) + ", archive's is " + segSize;
            }
            if (PageHeader.blckSz(b, p) != PageHeader.PAGE_SIZE) {
                return "long header says page size " + PageHeader.blckSz(b, p) + ", expected 8192";
            }
            if (sysid != 0 && PageHeader.sysid(b, p) != sysid) {
                return "system identifier " + Long.toUnsignedString(PageHeader.sysid(b, p)) + ", the archive's is "
                        + Long.toUnsignedString(sysid);
            }
        }
        int tli = PageHeader.tli(b, p);
        if (tli <= 0 || tli > file.timeline() || tli < lastPageTli) {
            return "page " + Lsn.format(pageLsn) + " has timeline " + Integer.toUnsignedString(tli) + " (file's timeline "
                    + file.timeline() + ", previous page's " + lastPageTli + ")";
        }
        if (magic == -1) {
            magic = m;
            major = PageHeader.MAJOR_BY_MAGIC.get(m);
        }
        if (offInSeg == 0 && sysid == 0) {
            sysid = PageHeader.sysid(b, p);
        }
        lastPageTli = tli;
        return null;
    }

    /** Damage counts once a later page proves the WAL goes on; {@code certain} damage needs no such proof. */
    private void report(Damage d, boolean certain) {
        if (!goodSinceDamage && !certain) {
            return;
        }
        goodSinceDamage = false;
        if (certain) {
            confirmPending();
            visitor.damage(d);
        } else {
            pending.add(d);
        }
    }

    private void confirmPending() {
        if (!pending.isEmpty()) {
            pending.forEach(visitor::damage);
            pending.clear();
        }
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    private static String hex16(int v) {
        return String.format("0x%04X", v);
    }
}
