package io.restorecheck.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restorecheck.config.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The timeline the last acceptance run of this site saw: the newest {@code <reports>/*-accept/summary.json} whose
 * {@code metrics.wal.archive} is this site's WAL archive (the archive names the site; a reports folder may hold
 * runs of several). Unknown when the config has no archive or no such run exists.
 */
final class LastAcceptance {
    private LastAcceptance() {
    }

    static OptionalInt timeline(Path reportsRoot, SiteConfig site) {
        if (site.integrity().isEmpty() || !Files.isDirectory(reportsRoot)) {
            return OptionalInt.empty();
        }
        String archive = site.integrity().get().walArchive().toAbsolutePath().normalize().toString();
        List<Path> runs;
        try (Stream<Path> dirs = Files.list(reportsRoot)) {
            runs = dirs.filter(d -> d.getFileName().toString().matches("\\d{8}-\\d{6}-accept(-\\d+)?"))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        ObjectMapper json = new ObjectMapper();
        for (Path run : runs) {
            try {
                JsonNode wal = json.readTree(run.resolve("summary.json").toFile()).path("metrics").path("wal");
                if (wal.path("restored_timeline").isInt() && archive.equals(Path.of(wal.path("archive").asText())
                        .toAbsolutePath().normalize().toString())) {
                    return OptionalInt.of(wal.path("restored_timeline").asInt());
                }
            } catch (IOException | RuntimeException e) {
                // A run without a readable summary (interrupted, being written) says nothing: try the one before.
            }
        }
        return OptionalInt.empty();
    }
}
