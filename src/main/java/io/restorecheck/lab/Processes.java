package io.restorecheck.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short-lived commands and reads log tails; PostgreSQL tools get the user-namespace wrapper when we are root. */
public final class Processes {
    private Processes() {
    }

    /**
     * PostgreSQL refuses to run as root. As root we start it under {@code unshare -U}: inside a fresh user
     * namespace its uid is the unprivileged overflow uid, while the files it creates stay owned by root outside,
     * so the harness can still copy and inspect them.
     */
    static List<String> asPostgresUser(List<String> command) {
        if (!Signals.isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add("unshare");
        wrapped.add("-U");
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * As root, a server started from the user's files runs as their owner ({@code runAs}): the namespace of
     * {@link #asPostgresUser} could read only root's files. Without {@code runAs}, or when not root, as above.
     */
    static List<String> asUser(List<String> command, java.util.Optional<OsUser> runAs) {
        if (runAs.isPresent() && Signals.isRoot()) {
            return runAs.get().wrap(command);
        }
        return asPostgresUser(command);
    }

    /** Runs a command to completion; a non-zero exit or a time-out is a LabException carrying its output. */
    static String run(List<String> command, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new LabException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + tail(text, 20));
            }
            return text;
        } catch (IOException e) {
            throw new LabException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + command.get(0), e);
        }
    }

    /** The last lines of a log file, for error messages; empty when the file is missing. */
    public static String tail(Path file, int lines) {
        try {
            return tail(Files.readString(file, StandardCharsets.UTF_8), lines);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }

    /** Deletes a directory tree; missing is fine. */
    /**
     * Copies a folder tree (a base backup into a data folder), keeping file attributes. Symbolic links (the
     * tablespaces of a plain-format backup) are refused with {@code whySymlinksAreRefused}: following one could
     * make a server write into the folder it points at.
     */
    public static void copyTree(Path source, Path target, String whySymlinksAreRefused) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    throw new IOException(file + " is a symbolic link; " + whySymlinksAreRefused);
                }
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
