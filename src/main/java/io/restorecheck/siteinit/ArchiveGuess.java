package io.restorecheck.siteinit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the WAL archive and the base backup live, read from the restored server's own settings: the archive is the
 * folder its {@code restore_command} copied segments from; the base backup is a folder near the archive or the data
 * directory holding a {@code backup_label} whose start matches the restored data directory's
 * {@code backup_label.old} (recovery renames the label it started from).
 */
final class ArchiveGuess {
    /** A segment file, plain or compressed as the harness reads them. */
    static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}(\\.(gz|lz4|zst|zstd|bz2|xz))?");
    private static final Pattern START = Pattern.compile("START WAL LOCATION: (\\S+)");

    /** A finding and its evidence; {@code path} empty means "not found", the evidence then says where to look. */
    record Found(Optional<Path> path, String evidence, List<String> alternatives) {
        Found {
            alternatives = List.copyOf(alternatives);
        }
    }

    record Result(Found archive, Found baseBackup, Optional<String> serverVersion) {
    }

    private ArchiveGuess() {
    }

    static Result guess(Connection c) {
        String restore = setting(c, "restore_command");
        String archiveCommand = setting(c, "archive_command");
        String dataDir = setting(c, "data_directory");
        String version = setting(c, "server_version");
        Found archive = archive(restore, archiveCommand);
        Found base = baseBackup(archive.path(), dataDir == null ? Optional.empty() : Optional.of(Path.of(dataDir)));
        return new Result(archive, base, Optional.ofNullable(version));
    }

    /** A setting's value, or null when it is empty or this role may not read it. */
    static String setting(Connection c, String name) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "', true)")) {
            rs.next();
            String v = rs.getString(1);
            return v == null || v.isBlank() ? null : v;
        } catch (SQLException e) {
            return null; // e.g. data_directory needs pg_read_all_settings
        }
    }

    static Found archive(String restoreCommand, String archiveCommand) {
        if (restoreCommand != null) {
            Optional<Path> dir = pathOfF(restoreCommand);
            if (dir.isPresent() && holdsSegments(dir.get())) {
                return new Found(dir, "the folder the restored server's restore_command reads segments from ("
                        + restoreCommand + "); it holds " + segments(dir.get()) + " segments", List.of());
            }
            return new Found(Optional.empty(), "restore_command is '" + restoreCommand + "' but no readable folder of"
                    + " WAL segments could be read from it (a backup tool's command? then use the folder or"
                    + " repository it fetches from)", List.of());
        }
        if (archiveCommand != null) {
            Optional<Path> dir = pathOfF(archiveCommand);
            if (dir.isPresent() && holdsSegments(dir.get())) {
                return new Found(Optional.empty(), "no restore_command is left on the restored server; its "
                        + "archive_command writes to " + dir.get() + ", which is where it archives now, not"
                        + " necessarily the archive it was restored from", List.of(dir.get().toString()));
            }
        }
        return new Found(Optional.empty(), "neither restore_command nor archive_command names a readable folder of"
                + " segments (settings not readable by this role, or a backup tool): look at the old server's"
                + " archive_command", List.of());
    }

    /**
     * The archive folder a restore or archive command names: the folder of the word holding {@code %f}
     * ({@code cp '/srv/wal/'%f '%p'}, {@code cp "/srv/wal/%f" "%p"}), else an absolute folder given as a word of
     * its own before a lone {@code %f} (a helper such as {@code tool restore '/srv/wal' '%f' '%p'}).
     */
    static Optional<Path> pathOfF(String command) {
        return CommandFolders.archiveFolder(command, ArchiveGuess::holdsSegments);
    }

    private static boolean holdsSegments(Path dir) {
        return Files.isDirectory(dir) && Files.isReadable(dir) && segments(dir) > 0;
    }

    private static long segments(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches()).count();
        } catch (IOException e) {
            return 0;
        }
    }

    static Found baseBackup(Optional<Path> archive, Optional<Path> dataDir) {
        Optional<String> restoredStart = dataDir.flatMap(d -> start(d.resolve("backup_label.old")));
        Set<Path> searched = new LinkedHashSet<>();
        for (Optional<Path> anchor : List.of(archive, dataDir)) {
            if (anchor.isPresent() && anchor.get().getParent() != null) {
                searched.add(anchor.get().getParent());
            }
        }
        List<Path> labelled = new ArrayList<>();
        for (Path parent : searched) {
            try (Stream<Path> s = Files.walk(parent, 2)) {
                s.filter(p -> Files.isRegularFile(p.resolve("backup_label")) && Files.isRegularFile(p.resolve("PG_VERSION")))
                        .forEach(p -> {
                            if (!labelled.contains(p)) {
                                labelled.add(p);
                            }
                        });
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable corner: the others may still hold it
            }
        }
        String where = searched.isEmpty() ? "(no archive or data directory known to search near)"
                : searched.stream().map(Path::toString).toList().toString();
        if (restoredStart.isPresent()) {
            for (Path p : labelled) {
                if (start(p.resolve("backup_label")).equals(restoredStart)) {
                    List<String> others = labelled.stream().filter(o -> !o.equals(p)).map(Path::toString).toList();
                    return new Found(Optional.of(p), "its backup_label starts at " + restoredStart.get()
                            + ", as the restored data directory's backup_label.old does: the backup it was restored"
                            + " from", others);
                }
            }
        }
        if (labelled.size() == 1) {
            return new Found(Optional.empty(), "one base backup found near the archive (" + labelled.get(0)
                    + ") but " + (restoredStart.isEmpty() ? "the restored data directory's backup_label.old is not"
                    + " readable" : "it does not start where the restored server's did (" + restoredStart.get() + ")")
                    + ", so it may not be the one restored", List.of(labelled.get(0).toString()));
        }
        return new Found(Optional.empty(), "no base backup folder (with backup_label and PG_VERSION) "
                + (restoredStart.map(s -> "starting at " + s + " ").orElse("")) + "found near " + where
                + "; it is the copy taken before the outage that the restore started from",
                labelled.stream().map(Path::toString).toList());
    }

    private static Optional<String> start(Path label) {
        try {
            Matcher m = START.matcher(Files.readString(label));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
