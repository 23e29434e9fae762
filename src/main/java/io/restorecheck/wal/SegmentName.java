package io.restorecheck.wal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A WAL segment file name: 24 upper-case hex digits, timeline (8) | segment number / segments per log id (8) |
 * segment number % segments per log id (8). Since 9.3 the stream is continuous: no {@code FF} segment is skipped.
 *
 * @param timeline timeline id
 * @param segno    segment number: the segment holds LSNs {@code [segno * size, (segno + 1) * size)}
 */
public record SegmentName(int timeline, long segno) {
    private static final Pattern NAME = Pattern.compile("[0-9A-F]{24}");

    /** 4 GiB / segment size: 256 for 16 MiB segments, 64 for 64 MiB. */
    public static long segmentsPerLogId(int segmentSize) {
        return 0x1_0000_0000L / segmentSize;
    }

    public static boolean looksLikeSegment(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /** Parses a segment file name; empty when it is not one (or its low part exceeds the segments per log id). */
    public static Optional<SegmentName> parse(String fileName, int segmentSize) {
        if (!looksLikeSegment(fileName)) {
            return Optional.empty();
        }
        long tli = Long.parseLong(fileName.substring(0, 8), 16);
        long hi = Long.parseLong(fileName.substring(8, 16), 16);
        long lo = Long.parseLong(fileName.substring(16, 24), 16);
        long perLogId = segmentsPerLogId(segmentSize);
        if (tli == 0 || lo >= perLogId) {
            return Optional.empty();
        }
        return Optional.of(new SegmentName((int) tli, hi * perLogId + lo));
    }

    public static SegmentName of(int timeline, long lsn, int segmentSize) {
        return new SegmentName(timeline, lsn / segmentSize);
    }

    public String fileName(int segmentSize) {
        long perLogId = segmentsPerLogId(segmentSize);
        return String.format("%08X%08X%08X", timeline, segno / perLogId, segno % perLogId);
    }

    public static String fileName(int timeline, long segno, int segmentSize) {
        return new SegmentName(timeline, segno).fileName(segmentSize);
    }

    /** LSN of the segment's first byte. */
    public long startLsn(int segmentSize) {
        return segno * segmentSize;
    }
}
