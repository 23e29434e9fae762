package io.restorecheck.wal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The harness's own {@code restore_command}/{@code archive_command} for compressed archives, one JVM per file
 * (lab's ShellCommands builds the command lines). Exit status as PostgreSQL expects: 0 done, 1 not there (or
 * refused); never above 125, which would make recovery abort.
 * <pre>
 * restore ARCHIVE_DIR FILE TARGET      copies ARCHIVE_DIR/FILE, else decompresses FILE.gz/.lz4/.zst/.bz2/.xz
 * archive COMPRESSION SOURCE ARCHIVE_DIR FILE   writes ARCHIVE_DIR/FILE.suffix, never overwriting
 * </pre>
 */
public final class ArchiveFileTool {
    private ArchiveFileTool() {
    }

    public static void main(String[] args) {
        int status;
        try {
            if (args.length == 4 && args[0].equals("restore")) {
                status = restore(Path.of(args[1]), args[2], Path.of(args[3]));
            } else if (args.length == 5 && args[0].equals("archive")) {
                Compression c = Compression.parse(args[1]).orElseThrow(() -> new IOException("unknown compression "
                        + args[1]));
                status = archive(c, Path.of(args[2]), Path.of(args[3]), args[4]);
            } else {
                System.err.println("usage: restore ARCHIVE_DIR FILE TARGET | archive COMPRESSION SOURCE ARCHIVE_DIR FILE");
                status = 1;
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("restorecheck " + String.join(" ", args) + ": " + e);
            status = 1;
        }
        System.exit(status);
    }

    /** 0 when {@code name} (plain or compressed) was written to {@code target}, 1 when the archive lacks it. */
    static int restore(Path archive, String name, Path target) throws IOException {
        Path plain = archive.resolve(name);
        if (Files.isRegularFile(plain)) {
            Files.copy(plain, target, StandardCopyOption.REPLACE_EXISTING);
            return 0;
        }
        for (Compression c : Compression.values()) {
            Path compressed = archive.resolve(name + "." + c.suffix());
            if (Files.isRegularFile(compressed)) {
                try (InputStream in = c.open(compressed)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    Files.deleteIfExists(target);
                    throw new IOException(compressed + ": " + e.getMessage(), e);
                }
                return 0;
            }
        }
        return 1;
    }

    /** Compresses {@code source} into {@code archive/name.suffix} through a temp file; 1 if it already exists. */
    static int archive(Compression c, Path source, Path archive, String name) throws IOException {
        Path target = archive.resolve(name + "." + c.suffix());
        if (Files.exists(target)) {
            System.err.println(target + " already exists: not overwritten");
            return 1;
        }
        Path temp = Files.createTempFile(archive, "." + name, ".part");
        try {
            try (OutputStream out = c.compress(Files.newOutputStream(temp))) {
                Files.copy(source, out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return 0;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
