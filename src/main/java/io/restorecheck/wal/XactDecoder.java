package io.restorecheck.wal;

import java.util.Optional;

/**
 * Decodes a Transaction (rmgr 1) record body into a commit or abort: skips the fragment headers (block
 * references, origin, top-level xid), then reads the main data, which is the record's last bytes.
 */
final class XactDecoder {
    static final int RM_XACT = 1;
    private static final int OPMASK = 0x70;
    private static final int HAS_INFO = 0x80;
    private static final int COMMIT = 0x00;
    private static final int ABORT = 0x20;
    private static final int COMMIT_PREPARED = 0x30;
    private static final int ABORT_PREPARED = 0x40;
    private static final int XINFO_DBINFO = 0x01;
    private static final int XINFO_SUBXACTS = 0x02;
    private static final int XINFO_RELFILENODES = 0x04;
    private static final int XINFO_INVALS = 0x08;
    private static final int XINFO_TWOPHASE = 0x10;
    private static final int XINFO_DROPPED_STATS = 0x100;

    private XactDecoder() {
    }

    /**
     * @param body   record bytes after the 24-byte header ({@code len} of them from {@code off})
     * @param xlInfo the header's xl_info
     * @param xlXid  the header's xl_xid
     * @param major  PostgreSQL major of the WAL (changes image flags and dropped-stats item size)
     * @return the commit/abort, or empty for other Transaction records (prepare, assignment, invalidations)
     * @throws IllegalArgumentException when the body does not parse
     */
    static Optional<XactRecord> decode(byte[] body, int off, int len, int xlInfo, long xlXid, long lsn, int major,
                                       int timeline) {
        int op = xlInfo & OPMASK;
        XactRecord.Kind kind = switch (op) {
            case COMMIT -> XactRecord.Kind.COMMIT;
            case ABORT -> XactRecord.Kind.ABORT;
            case COMMIT_PREPARED -> XactRecord.Kind.COMMIT_PREPARED;
            case ABORT_PREPARED -> XactRecord.Kind.ABORT_PREPARED;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        int mainLen = mainDataLength(body, off, len, major);
        if (mainLen < 8) {
            throw new IllegalArgumentException("transaction record main data is " + mainLen + " bytes, expected >= 8");
        }
        int m = off + len - mainLen;
        int end = m + mainLen;
        long pgMicros = Bytes.i64(body, m);
        long xid = xlXid;
        if ((xlInfo & HAS_INFO) != 0) {
            int p = m + 8;
            int xinfo = need(p, 4, end) == p ? Bytes.i32(body, p) : 0;
            p += 4;
            if ((xinfo & XINFO_DBINFO) != 0) {
                p = need(p, 8, end) + 8;
            }
            if ((xinfo & XINFO_SUBXACTS) != 0) {
                p = skipArray(body, p, 4, end);
            }
            if ((xinfo & XINFO_RELFILENODES) != 0) {
                p = skipArray(body, p, 12, end);
            }
            if ((xinfo & XINFO_DROPPED_STATS) != 0) {
                p = skipArray(body, p, major >= 18 ? 16 : 12, end);
            }
            if ((xinfo & XINFO_INVALS) != 0 && kind.isCommit()) {
                p = skipArray(body, p, 16, end);
            }
            if ((xinfo & XINFO_TWOPHASE) != 0) {
                need(p, 4, end);
                long twoPhaseXid = Bytes.u32(body, p);
                if (kind == XactRecord.Kind.COMMIT_PREPARED || kind == XactRecord.Kind.ABORT_PREPARED) {
                    xid = twoPhaseXid;
                }
            }
        }
        return Optional.of(new XactRecord(kind, xid, lsn, pgMicros + XactRecord.PG_EPOCH_MICROS, timeline));
    }

    private static int need(int p, int n, int end) {
        if (p + n > end) {
            throw new IllegalArgumentException("transaction record main data ends early");
        }
        return p;
    }

    private static int skipArray(byte[] b, int p, int itemSize, int end) {
        need(p, 4, end);
        int count = Bytes.i32(b, p);
        if (count < 0 || (long) count * itemSize > end - p - 4) {
            throw new IllegalArgumentException("transaction record array of " + count + " items does not fit");
        }
        return p + 4 + count * itemSize;
    }

    /** Walks the fragment headers (DecodeXLogRecord's rule) and returns the main data length. */
    static int mainDataLength(byte[] b, int off, int len, int major) {
        int p = off;
        int end = off + len;
        long remaining = len;
        long dataTotal = 0;
        int lastBlockId = -1;
        while (remaining > dataTotal) {
            if (p >= end) {
                throw new IllegalArgumentException("record fragment headers run past the record");
            }
            int id = Bytes.u8(b, p++);
            remaining--;
            if (id == 255) {
                need(p, 1, end);
                int mainLen = Bytes.u8(b, p);
                remaining -= 1;
                dataTotal += mainLen;
                if (remaining != dataTotal) {
                    throw new IllegalArgumentException("record length does not match its fragments");
                }
                return mainLen;
            } else if (id == 254) {
                need(p, 4, end);
                long mainLen = Bytes.u32(b, p);
                remaining -= 4;
                dataTotal += mainLen;
                if (remaining != dataTotal) {
                    throw new IllegalArgumentException("record length does not match its fragments");
                }
                return (int) mainLen;
            } else if (id == 253) {
                need(p, 2, end);
                p += 2;
                remaining -= 2;
            } else if (id == 252) {
                need(p, 4, end);
                p += 4;
                remaining -= 4;
            } else if (id <= 32) {
                if (id <= lastBlockId) {
                    throw new IllegalArgumentException("block ids out of order (" + lastBlockId + ", " + id + ")");
                }
                lastBlockId = id;
                need(p, 3, end);
                int forkFlags = Bytes.u8(b, p);
                int dataLength = Bytes.u16(b, p + 1);
                p += 3;
                remaining -= 3;
                dataTotal += dataLength;
                if ((forkFlags & 0x10) != 0) {
                    need(p, 5, end);
                    int imageLength = Bytes.u16(b, p);
                    int bimgInfo = Bytes.u8(b, p + 4);
                    p += 5;
                    remaining -= 5;
                    boolean hasHole = (bimgInfo & 0x01) != 0;
                    boolean compressed = major >= 15 ? (bimgInfo & 0x1C) != 0 : (bimgInfo & 0x02) != 0;
                    if (compressed && hasHole) {
                        p += 2;
                        remaining -= 2;
                    }
                    dataTotal += imageLength;
                }
                if ((forkFlags & 0x80) == 0) {
                    p += 12;
                    remaining -= 12;
                }
                p += 4;
                remaining -= 4;
            } else {
                throw new IllegalArgumentException("invalid fragment id " + id);
            }
        }
        if (remaining != dataTotal) {
            throw new IllegalArgumentException("record length does not match its fragments");
        }
        return 0;
    }
}
