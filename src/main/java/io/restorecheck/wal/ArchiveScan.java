package io.restorecheck.wal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the archive folder holds, from file names and the few bytes needed: the segment size (from the first
 * readable segment's long header, never assumed), segments per timeline, timeline and backup history files,
 * {@code .partial} files, and the files it cannot read (unreadable, malformed, compressed in a format it does not
 * know), each with why. Segments compressed as {@link Compression} knows ({@code .gz}, {@code .lz4}, {@code .zst},
 * {@code .bz2}, {@code .xz}) are segments like the plain ones; the reader decompresses them as it reads.
 *
 * @param directory   the archive folder
 * @param segmentSize bytes per segment, or 0 when no segment could be read
 * @param segments    per timeline, segment number to file (readable segments, plain or compressed; plain wins)
 * @param histories   per timeline, its parsed history file
 * @param backups     parsed backup history files, by start LSN
 * @param partials    {@code .partial} file names
 * @param unreadable  files that look like WAL but cannot be read here, with why
 */
public record ArchiveScan(Path directory, int segmentSize, Map<Integer, NavigableMap<Long, Path>> segments,
                          Map<Integer, TimelineHistory> histories, List<BackupHistory> backups, List<String> partials,
                          List<Unreadable> unreadable) {
    private static final Pattern HISTORY = Pattern.compile("[0-9A-F]{8}\\.history");
    private static final Pattern BACKUP = Pattern.compile("[0-9A-F]{24}\\.[0-9A-F]{8}\\.backup");
    private static final Pattern PARTIAL = Pattern.compile("[0-9A-F]{24}\\.partial");
    private static final Pattern COMPRESSED = Pattern.compile(
            "([0-9A-F]{24})(\\.partial)?\\.(gz|lz4|zst|zstd|bz2|xz|br|lzo|snappy)");

    /**
     * A file that looks like WAL but is not read.
     *
     * @param file   the file name
     * @param segno  its segment number when the name is a segment's, else -1
     * @param timeline its timeline when known, else 0
     * @param reason why it is not read
     */
    public record Unreadable(String file, int timeline, long segno, String reason) {
    }

    /** Scans {@code dir}; throws {@link IOException} only when the folder itself cannot be listed. */
    public static ArchiveScan of(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        Collections.sort(files);
        List<Unreadable> unreadable = new ArrayList<>();
        int segSize = segmentSize(files, unreadable);
        Map<Integer, NavigableMap<Long, Path>> segments = new TreeMap<>();
        Map<Integer, TimelineHistory> histories = new TreeMap<>();
        List<BackupHistory> backups = new ArrayList<>();
        List<String> partials = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (SegmentName.looksLikeSegment(name)) {
                if (segSize == 0) {
                    continue;
                }
                Optional<SegmentName> seg = SegmentName.parse(name, segSize);
                if (seg.isEmpty()) {
                    unreadable.add(new Unreadable(name, 0, -1, "not a valid segment name for " + segSize
                            + "-byte segments"));
                } else if (!Files.isReadable(p)) {
                    unreadable.add(new Unreadable(name, seg.get().timeline(), seg.get().segno(), "not readable"));
                } else {
                    segments.computeIfAbsent(seg.get().timeline(), t -> new TreeMap<>()).put(seg.get().segno(), p);
                }
            } else if (HISTORY.matcher(name).matches()) {
                int tli = (int) Long.parseLong(name.substring(0, 8), 16);
                try {
                    histories.put(tli, TimelineHistory.parse(tli, Files.readString(p, StandardCharsets.UTF_8)));
                } catch (IOException | IllegalArgumentException e) {
                    unreadable.add(new Unreadable(name, tli, -1, "history file does not parse: " + e.getMessage()));
                }
            } else if (BACKUP.matcher(name).matches()) {
                try {
                    backups.add(BackupHistory.parse(name, Files.readString(p, StandardCharsets.UTF_8)));
                } catch (IOException | IllegalArgumentException e) {
                    unreadable.add(new Unreadable(name, 0, -1, "backup history file does not parse: "
                            + e.getMessage()));
                }
            } else if (PARTIAL.matcher(name).matches()) {
                partials.add(name);
            } else {
                var m = COMPRESSED.matcher(name);
                Optional<Compression> known = Compression.ofFileName(name);
                Optional<SegmentName> compressedSeg = !m.matches() || m.group(2) != null || segSize == 0
                        ? Optional.empty() : SegmentName.parse(m.group(1), segSize);
                if (known.isPresent() && m.matches() && m.group(2) == null && segSize == 0) {
                    continue; // like a plain segment: the "segment size unknown" entry says why
                } else if (known.isPresent() && compressedSeg.isPresent()) {
                    if (!Files.isReadable(p)) {
                        unreadable.add(new Unreadable(name, compressedSeg.get().timeline(), compressedSeg.get().segno(),
                                "not readable"));
                    } else {
                        // A plain copy of the same segment (sorted first) is read instead.
                        segments.computeIfAbsent(compressedSeg.get().timeline(), t -> new TreeMap<>())
                                .putIfAbsent(compressedSeg.get().segno(), p);
                    }
                } else if (m.matches()) {
                    Optional<SegmentName> seg = segSize == 0 ? Optional.empty() : SegmentName.parse(m.group(1), segSize);
                    unreadable.add(new Unreadable(name, seg.map(SegmentName::timeline).orElse(0),
                            m.group(2) == null ? seg.map(SegmentName::segno).orElse(-1L) : -1,
                            "compressed (." + m.group(3) + "): " + (m.group(2) != null ? "a partial segment, not read"
                            : known.isPresent() ? "not a valid segment name for " + segSize + "-byte segments"
                            : "not a format the reader knows (gz, lz4, zst, bz2, xz); decompress a copy to check it")));
                }
            }
        }
        backups.sort((a, b) -> Long.compareUnsigned(a.startLsn(), b.startLsn()));
        return new ArchiveScan(dir, segSize, segments, histories, List.copyOf(backups), List.copyOf(partials),
                List.copyOf(unreadable));
    }

    /** The first segment whose first page has a valid long header decides; the size must be a power of two. */
    private static int segmentSize(List<Path> files, List<Unreadable> unreadable) {
        for (Path p : files) {
            String name = p.getFileName().toString();
            Optional<Compression> compression = Compression.ofFileName(name);
            boolean compressedSegment = compression.isPresent() && name.length() > 24
                    && SegmentName.looksLikeSegment(name.substring(0, 24)) && name.charAt(24) == '.'
                    && name.indexOf('.', 25) < 0;
            if (!SegmentName.looksLikeSegment(name) && !compressedSegment) {
                continue;
            }
            byte[] head = new byte[PageHeader.LONG_SIZE];
            try (InputStream in = compressedSegment ? compression.get().open(p) : Files.newInputStream(p)) {
                if (in.readNBytes(head, 0, head.length) < head.length) {
                    continue;
                }
            } catch (IOException e) {
                continue;
            }
            int info = PageHeader.info(head, 0);
            int size = PageHeader.segSize(head, 0);
            if (PageHeader.MAJOR_BY_MAGIC.containsKey(PageHeader.magic(head, 0))
                    && (info & PageHeader.LONG_HEADER) != 0 && Integer.bitCount(size) == 1 && size >= (1 << 20)
                    && size <= (1 << 30)) {
                return size;
            }
        }
        boolean any = files.stream().map(p -> p.getFileName().toString()).anyMatch(n -> SegmentName.looksLikeSegment(n)
                || (COMPRESSED.matcher(n).matches() && Compression.ofFileName(n).isPresent()));
        if (any) {
            unreadable.add(new Unreadable("*", 0, -1, "no segment has a valid first page: segment size unknown"));
        }
        return 0;
    }

    /** Every timeline the archive names: by segments, history files or unreadable segments. */
    public java.util.SortedSet<Integer> timelines() {
        java.util.SortedSet<Integer> t = new java.util.TreeSet<>(segments.keySet());
        t.addAll(histories.keySet());
        unreadable.stream().filter(u -> u.timeline() > 0).forEach(u -> t.add(u.timeline()));
        return t;
    }
}
