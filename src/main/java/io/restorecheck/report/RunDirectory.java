package io.restorecheck.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** {@code <reports>/<yyyyMMdd-HHmmss>-<command>/} for one run, with {@code <reports>/latest} pointing at it. */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path root;
    private final Path dir;

    private RunDirectory(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    public static RunDirectory create(Path reportsRoot, String command, LocalDateTime now) {
        try {
            Files.createDirectories(reportsRoot);
            String base = STAMP.format(now) + "-" + command;
            for (int i = 1; ; i++) {
                Path candidate = reportsRoot.resolve(i == 1 ? base : base + "-" + i);
                try {
                    Files.createDirectory(candidate);
                    RunDirectory run = new RunDirectory(reportsRoot, candidate);
                    run.pointLatest();
                    return run;
                } catch (FileAlreadyExistsException e) {
                    // Two runs in the same second: take the next suffix.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder under " + reportsRoot, e);
        }
    }

    /** A run folder already on disk (its reports root is the parent), e.g. to regenerate its reports. */
    static RunDirectory existing(Path dir) {
        return new RunDirectory(dir.getParent(), dir);
    }

    public Path path() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    public Path reportsRoot() {
        return root;
    }

    private void pointLatest() throws IOException {
        Path latest = root.resolve("latest");
        Path tmp = root.resolve(".latest-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, dir.getFileName());
        Files.move(tmp, latest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
