package io.restorecheck.wal;

/** WAL positions (LSNs): 64-bit byte positions printed {@code HI/LO} in hex, as PostgreSQL prints them. */
public final class Lsn {
    private Lsn() {
    }

    /** {@code 0/0A35C130}: the low half padded to 8 digits, as pg_waldump prints it. */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + String.format("%08X", lsn & 0xFFFFFFFFL);
    }

    /** Parses {@code HI/LO} with hex halves of any width ({@code 0/A340A68} and {@code 0/0A340A68} alike). */
    public static long parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("not an LSN (HI/LO in hex): '" + text + "'");
        }
        try {
            long hi = Long.parseLong(t.substring(0, slash), 16);
            long lo = Long.parseLong(t.substring(slash + 1), 16);
            if (hi > 0xFFFFFFFFL || lo > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("LSN half wider than 32 bits: '" + text + "'");
            }
            return hi << 32 | lo;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an LSN (HI/LO in hex): '" + text + "'", e);
        }
    }

    /** Records start 8-aligned (MAXALIGN on every platform PostgreSQL 13-18 runs on). */
    static long maxAlign(long v) {
        return (v + 7) & ~7L;
    }
}
