package io.restorecheck.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An archive whose segments are compressed reads exactly like the same archive uncompressed, in every format. */
class CompressedArchiveTest {
    private static final long T0 = 1_780_000_000_000_000L;

    @TempDir
    static Path work;
    private static Path plain;
    private static final Map<Compression, Path> COMPRESSED = new EnumMap<>(Compression.class);

    /** Timeline 1: segments 1-5 with 20 commits each, switched early, and a backup history file. */
    private static synchronized Path plainArchive() throws IOException {
        if (plain != null) {
            return plain;
        }
        Path dir = Files.createDirectories(work.resolve("plain"));
        SyntheticWal wal = new SyntheticWal(1, 1);
        for (int s = 1; s <= 5; s++) {
            for (int i = 0; i < 20; i++) {
                wal.commit(1000 + s * 100 + i, T0 + s * 1000 + i);
            }
            wal.switchSegment();
        }
        wal.writeTo(dir);
        Files.writeString(dir.resolve("000000010000000000000002.00000028.backup"), """
                START WAL LOCATION: 0/200028 (file 000000010000000000000002)
                STOP WAL LOCATION: 0/200100 (file 000000010000000000000002)
                START TIMELINE: 1
                STOP TIMELINE: 1
                """);
        plain = dir;
        return dir;
    }

    private static synchronized Path compressedArchive(Compression compression) throws IOException {
        Path dir = COMPRESSED.get(compression);
        if (dir == null) {
            dir = compressedCopy(plainArchive(), work.resolve(compression.suffix()), compression);
            COMPRESSED.put(compression, dir);
        }
        return dir;
    }

    /** The same archive with every segment compressed (the plain file removed); other files copied as they are. */
    static Path compressedCopy(Path plain, Path target, Compression compression) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(plain)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (SegmentName.looksLikeSegment(name)) {
                    try (OutputStream out = compression.compress(Files.newOutputStream(
                            target.resolve(name + "." + compression.suffix())))) {
                        Files.copy(f, out);
                    }
                } else {
                    Files.copy(f, target.resolve(name));
                }
            }
        }
        return target;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void compressedArchiveGivesTheSameReportAsThePlainOne(Compression compression) throws IOException {
        Path plain = plainArchive();
        Path compressed = compressedArchive(compression);
        ArchiveReport expected = ArchiveInspector.inspect(plain);
        ArchiveReport actual = ArchiveInspector.inspect(compressed);
        assertEquals(5, expected.timeline(1).orElseThrow().segments());
        assertEquals(100, expected.timeline(1).orElseThrow().commits());
        assertEquals(List.of(), actual.unreadable());
        assertEquals(expected.toJson(), actual.toJson());
        assertEquals(expected.lastCommit(), actual.lastCommit());
        assertEquals(expected.timeline(1).orElseThrow().records(), actual.timeline(1).orElseThrow().records());
        assertEquals(expected.timeline(1).orElseThrow().endLsn(), actual.timeline(1).orElseThrow().endLsn());
        assertEquals(ArchiveInspector.commitsAfter(plain, 1, 0x200000).commits(),
                ArchiveInspector.commitsAfter(compressed, 1, 0x200000).commits());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void decompressedStreamEqualsTheOriginalSegment(Compression compression) throws IOException {
        Path plain = plainArchive();
        Path compressed = compressedArchive(compression);
        String segment = "000000010000000000000003";
        try (InputStream in = compression.open(compressed.resolve(segment + "." + compression.suffix()))) {
            assertArrayEquals(Files.readAllBytes(plain.resolve(segment)), in.readAllBytes());
        }
        assertTrue(Files.size(compressed.resolve(segment + "." + compression.suffix())) < SyntheticWal.SEG / 4,
                "compressed: " + Files.size(compressed.resolve(segment + "." + compression.suffix())));
    }

    @Test
    void truncatedCompressedSegmentIsDamageOnlyThere() throws IOException {
        Path plain = plainArchive();
        Path compressed = compressedCopy(plain, work.resolve("truncated"), Compression.ZSTD);
        Path third = compressed.resolve("000000010000000000000003.zst");
        byte[] all = Files.readAllBytes(third);
        Files.write(third, java.util.Arrays.copyOf(all, all.length / 2));
        TimelineReport t = ArchiveInspector.inspect(compressed).timeline(1).orElseThrow();
        assertEquals(List.of(3L), t.damaged().stream().map(Damage::segno).distinct().toList(), t.damaged().toString());
    }

    @Test
    void plainCopyOfASegmentWinsOverItsCompressedOne() throws IOException {
        Path plain = plainArchive();
        Path both = compressedCopy(plain, work.resolve("both"), Compression.GZIP);
        Files.copy(plain.resolve("000000010000000000000003"), both.resolve("000000010000000000000003"));
        ArchiveScan scan = ArchiveScan.of(both);
        assertEquals(both.resolve("000000010000000000000003"), scan.segments().get(1).get(3L));
        assertEquals(both.resolve("000000010000000000000004.gz"), scan.segments().get(1).get(4L));
    }
}
