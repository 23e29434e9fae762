package io.restorecheck.wal;

import java.util.Map;

/**
 * The header every 8 KiB WAL page starts with (24 bytes; 40 with the long header of a segment's first page),
 * and the magic number that tells the major version. Page headers carry no CRC: they are checked field by field.
 */
final class PageHeader {
    static final int PAGE_SIZE = 8192;
    static final int SHORT_SIZE = 24;
    static final int LONG_SIZE = 40;
    static final int FIRST_IS_CONTRECORD = 0x0001;
    static final int LONG_HEADER = 0x0002;
    static final int FIRST_IS_OVERWRITE_CONTRECORD = 0x0008;
    static final int ALL_FLAGS = 0x000F;
    /** XLOG_PAGE_MAGIC of each major: constant within a major, read from WAL each major wrote. */
    static final Map<Integer, Integer> MAJOR_BY_MAGIC = Map.of(0xD106, 13, 0xD10D, 14, 0xD110, 15, 0xD113, 16,
            0xD116, 17, 0xD118, 18);

    private PageHeader() {
    }

    static int magic(byte[] b, int p) {
        return Bytes.u16(b, p);
    }

    static int info(byte[] b, int p) {
        return Bytes.u16(b, p + 2);
    }

    static int tli(byte[] b, int p) {
        return Bytes.i32(b, p + 4);
    }

    static long pageAddr(byte[] b, int p) {
        return Bytes.i64(b, p + 8);
    }

    static int remLen(byte[] b, int p) {
        return Bytes.i32(b, p + 16);
    }

    static long sysid(byte[] b, int p) {
        return Bytes.i64(b, p + 24);
    }

    static int segSize(byte[] b, int p) {
        return Bytes.i32(b, p + 32);
    }

    static int blckSz(byte[] b, int p) {
        return Bytes.i32(b, p + 36);
    }

    static int size(int info) {
        return (info & LONG_HEADER) != 0 ? LONG_SIZE : SHORT_SIZE;
    }

    static boolean allZero(byte[] b, int p, int len) {
        for (int i = p; i < p + len; i += 8) {
            if (Bytes.i64(b, i) != 0) {
                return false;
            }
        }
        return true;
    }
}
