package io.restorecheck.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place where {@code restore_command} and {@code archive_command} are built. PostgreSQL hands them to
 * {@code /bin/sh} after replacing {@code %f}, {@code %p} and {@code %%}, so every path in them is single-quoted
 * for the shell (a {@code '} becomes {@code '\''}; nothing else is special inside single quotes) and its
 * {@code %} doubled: a folder named {@code a"$(x)`y'%f} reaches the command as that folder, never as code.
 */
public final class ShellCommands {
    /**
     * The helper that restores a compressed archived file, run in a fresh JVM per file (it lives in the wal
     * package, which holds the codecs; lab names it and does not import it).
     */
    static final String ARCHIVE_FILE_TOOL = "io.restorecheck.wal.ArchiveFileTool";
    /** Suffixes of the compressed segments the helper decompresses (the wal package's Compression). */
    private static final Set<String> COMPRESSED = Set.of("gz", "lz4", "zst", "zstd", "bz2", "xz");

    private ShellCommands() {
    }

    /** {@code text} as one word for /bin/sh, taken literally. */
    public static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** A shell-quoted word, with {@code %} doubled so PostgreSQL's placeholder substitution leaves it alone. */
    static String word(String text) {
        return shellQuote(text).replace("%", "%%");
    }

    /**
     * A restore_command that only reads {@code archive}: {@code cp} when its files are plain; when some are
     * compressed (by suffix), the harness's own helper, which copies a plain file or decompresses
     * {@code %f.gz}/{@code .lz4}/{@code .zst}/{@code .bz2}/{@code .xz} into {@code %p}.
     */
    public static String restoreCommand(Path archive) {
        Path dir = archive.toAbsolutePath();
        if (!holdsCompressed(dir)) {
            return "cp " + word(dir + "/") + "%f '%p'";
        }
        return String.join(" ", javaHelper()) + " restore " + word(dir.toString()) + " '%f' '%p'";
    }

    /** An archive_command that copies a finished segment into {@code dir} and never overwrites one. */
    public static String archiveCommand(Path dir) {
        String target = word(dir.toAbsolutePath() + "/") + "%f";
        return "test ! -f " + target + " && cp '%p' " + target;
    }

    /**
     * An archive_command that compresses a finished segment into {@code dir} as {@code %f.<suffix>} (written
     * to a temp file and renamed, never overwriting), through the harness's own helper.
     *
     * @param compression a label the helper knows: gzip, lz4, zstd, bzip2, xz
     */
    public static String compressingArchiveCommand(Path dir, String compression) {
        return String.join(" ", javaHelper()) + " archive " + word(compression) + " '%p' "
                + word(dir.toAbsolutePath().toString()) + " '%f'";
    }

    /** This JVM and class path, started lean: the helper runs once per file. */
    private static List<String> javaHelper() {
        List<String> words = new ArrayList<>();
        words.add(word(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        words.add("-XX:TieredStopAtLevel=1");
        words.add("-XX:+UseSerialGC");
        words.add("-Xmx64m");
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().toString());
        }
        words.add("-cp");
        words.add(word(String.join(java.io.File.pathSeparator, classPath)));
        words.add(ARCHIVE_FILE_TOOL);
        return words;
    }

    private static boolean holdsCompressed(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot > 0 && COMPRESSED.contains(name.substring(dot + 1))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            // Unlistable: plain cp, whose failure the server's log will show.
            return false;
        }
    }
}
