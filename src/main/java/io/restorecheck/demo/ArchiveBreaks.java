package io.restorecheck.demo;

import io.restorecheck.lab.LabException;
import io.restorecheck.wal.ArchiveScan;
import io.restorecheck.wal.BackupHistory;
import io.restorecheck.wal.SegmentName;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;

/**
 * The archive faults of the demo, done to the archive before the restore reads it, as they happen for real: a
 * segment that never made it into the archive ({@code wal-gap}) and a segment whose bytes rotted
 * ({@code corrupt-wal}). Both hit a segment after the last base backup with edits after it, so the restore
 * stops early and edits are lost.
 */
final class ArchiveBreaks {
    /** Inside the first record after a segment's 40-byte long header: its body, so its CRC no longer matches. */
    static final long CORRUPT_OFFSET = 64;
    private static final int CORRUPT_BYTES = 8;

    private ArchiveBreaks() {
    }

    static String apply(Path archive, Set<BreakKind> breaks) {
        ArchiveScan scan;
        try {
            scan = ArchiveScan.of(archive);
        } catch (IOException e) {
            throw new LabException("cannot scan the archive " + archive, e);
        }
        NavigableMap<Long, Path> segments = scan.segments().get(1);
        if (scan.backups().isEmpty() || segments == null) {
            throw new LabException("the archive " + archive + " has no base backup or no timeline 1 segment to break");
        }
        BackupHistory backup = scan.backups().get(scan.backups().size() - 1);
        long afterBackup = backup.stopLsn() / scan.segmentSize();
        // Middle segments: after the one the backup stopped in, before the newest (which holds the last edits).
        List<Long> middle = new ArrayList<>(segments.subMap(afterBackup, false, segments.lastKey(), false).keySet());
        if (middle.isEmpty()) {
            throw new LabException("the archive " + archive + " has no segment between the base backup's stop "
                    + "and the newest segment to break");
        }
        List<String> done = new ArrayList<>();
        long victim = middle.get(middle.size() - 1);
        try {
            if (breaks.contains(BreakKind.WAL_GAP)) {
                Files.delete(segments.get(victim));
                done.add("removed " + name(victim, scan));
                middle.remove(middle.size() - 1);
            }
            if (breaks.contains(BreakKind.CORRUPT_WAL)) {
                if (middle.isEmpty()) {
                    throw new LabException("no segment left to corrupt in " + archive);
                }
                long target = middle.get(middle.size() - 1);
                flip(segments.get(target));
                done.add("flipped " + CORRUPT_BYTES + " bytes of " + name(target, scan) + " at offset " + CORRUPT_OFFSET);
            }
        } catch (IOException e) {
            throw new LabException("cannot break the archive " + archive, e);
        }
        return String.join(", ", done);
    }

    private static void flip(Path segment) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            byte[] b = new byte[CORRUPT_BYTES];
            f.seek(CORRUPT_OFFSET);
            f.readFully(b);
            for (int i = 0; i < b.length; i++) {
                b[i] ^= (byte) 0xFF;
            }
            f.seek(CORRUPT_OFFSET);
            f.write(b);
        }
    }

    private static String name(long segno, ArchiveScan scan) {
        return SegmentName.fileName(1, segno, scan.segmentSize());
    }
}
