package io.restorecheck.wal;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * The compressions archive commands and backup tools apply to WAL segments, told by the file name's suffix and
 * confirmed by the format's magic bytes. {@link #open} decompresses as a stream: no decompressed copy is written.
 * Concatenated frames/members (as {@code cat a.gz b.gz} makes) are read to the end, as the command-line tools do.
 */
public enum Compression {
    GZIP("gz", new byte[] {0x1f, (byte) 0x8b}),
    LZ4("lz4", new byte[] {0x04, 0x22, 0x4d, 0x18}),
    ZSTD("zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
    BZIP2("bz2", new byte[] {'B', 'Z', 'h'}),
    XZ("xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00});

    private static final int BUFFER = 1 << 16;

    private final String suffix;
    private final byte[] magic;

    Compression(String suffix, byte[] magic) {
        this.suffix = suffix;
        this.magic = magic;
    }

    /** The file name suffix without the dot, e.g. {@code zst}. */
    public String suffix() {
        return suffix;
    }

    /** The lower-case name used on the command line, e.g. {@code zstd}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The compression a file name says (by its last suffix), if any of ours. */
    public static Optional<Compression> ofFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c.suffix.equals(ext) || (c == ZSTD && ext.equals("zstd"))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** By its command-line label ({@code gzip}, {@code zstd}...) or its suffix. */
    public static Optional<Compression> parse(String label) {
        for (Compression c : values()) {
            if (c.label().equalsIgnoreCase(label) || c.suffix.equalsIgnoreCase(label)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The decompressed bytes of {@code file}. Throws when the file does not start with this format's magic bytes
     * (a {@code .gz} that is not gzip), naming the bytes found.
     */
    public InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            raw.mark(magic.length);
            byte[] head = raw.readNBytes(magic.length);
            raw.reset();
            if (!java.util.Arrays.equals(head, magic)) {
                throw new IOException("named ." + suffix + " but does not start with " + label() + "'s magic bytes "
                        + HexFormat.ofDelimiter(" ").formatHex(magic) + " (found "
                        + (head.length == 0 ? "an empty file" : HexFormat.ofDelimiter(" ").formatHex(head)) + ")");
            }
            return decompress(raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case LZ4 -> new FramedLZ4CompressorInputStream(in, true);
            case ZSTD -> new ZstdInputStream(in);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZCompressorInputStream(in, true);
        };
    }

    /** Compresses into {@code out} (closing the result closes {@code out}); for archiving and tests. */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPOutputStream(out, BUFFER);
            case LZ4 -> new FramedLZ4CompressorOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out, 3);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case XZ -> new XZCompressorOutputStream(out, 1);
        };
    }
}
