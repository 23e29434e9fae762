package io.restorecheck.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the site config (DESIGN §4) of the restored demo stack, so {@code accept -c} can run on exactly what
 * the demo ran on. The file is read back through the normal loader before use.
 */
final class DemoSiteConfig {
    private DemoSiteConfig() {
    }

    record Stack(String wikiBaseUrl, String restoredJdbcUrl, String memcachedAddress, Path archive, Path baseBackup,
                 Path expectedSettings, String maxDataLoss, Path postgresBin) {
    }

    static Path write(Path file, Stack s) {
        String text = """
                # Site config of the restorecheck demo's restored stack (written by 'restorecheck demo').
                site     { base-url = %s, page-path = "/{name}" }
                database { url = %s, user = postgres, password = ${?RESTORECHECK_DEMO_PASSWORD} }
                integrity {
                  wal-archive = %s
                  base-backup = %s
                  # The binaries the demo's servers ran (--pg-bin or --pg-major): the reference replay uses them too.
                  postgres-bin = %s
                  tables = [
                    { name = allPages, key = [name, editTime], timestamp = "to_timestamp(editTime)" }
                    { name = curPages, key = [name],           timestamp = "to_timestamp(editTime)" }
                  ]
                  expected-settings = %s
                  max-data-loss = %s
                }
                pages {
                  list-query = "SELECT propercased_name AS title, text, editTime FROM curPages"
                  sample = 200
                  recent = 100, recent-order = "editTime DESC"
                  title { selector = "h1#page-title" }
                  text  { markup = wiki, selector = "#page-body", words = 200, min-fraction = 1.0 }
                  # ?action=edit and ?action=raw lead to the editor and the source, not to pages.
                  links { exclude = ["[?&]action="] }
                  concurrency = 4, max-rate = 200
                }
                cache { servers = [%s], min-hit-ratio = 0.8, max-evictions = 0 }
                load  { simulation = WikiBrowse, duration = 10s, arrival-rate = 100, min-throughput = 50,
                        max-p95 = 2s, max-error-ratio = 0.01, also-visit = ["/Recent_Changes"],
                        # capacity search: from 250/s, doubling up to 2000/s, 1 s settle + 3 s step per probe, 25 s
                        # at most; the floor: docs/load.md (healthy 1000-2000+/s, broken cache 200-750/s)
                        capacity-start = 250, max-rate = 2000, min-capacity = 1000, capacity-budget = 25s }
                """.formatted(q(s.wikiBaseUrl()), q(s.restoredJdbcUrl()), q(s.archive().toString()),
                q(s.baseBackup().toString()), q(s.postgresBin().toString()), q(s.expectedSettings().toString()), s.maxDataLoss(),
                q(s.memcachedAddress()));
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String q(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
