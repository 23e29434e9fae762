package io.restorecheck.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.demo.wiki.WikiData;
import io.restorecheck.demo.wiki.WikiSchema;
import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill with a real backup tool: Debian's pgbackrest (installed by .ci/run) with a posix repository in a temp
 * folder, the lab primary archiving through {@code archive-push}, a full backup, more edits; the drill fetches the
 * backup through {@code pgbackrest restore} and WAL through {@code archive-get}. Healthy passes; a WAL file removed
 * from the repository fails drill.recovery-point naming that segment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgBackRestDrillIT {
    @TempDir
    static Path work;
    static PgServer primary;
    static Path conf;
    static Path repo;
    static Path site;

    @BeforeAll
    static void primaryArchivingThroughPgBackRest() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/pgbackrest")), "pgbackrest is not installed: "
                + "apt-get install -y pgbackrest (.ci/run does this)");
        repo = Files.createDirectories(work.resolve("repo"));
        Path socket = Files.createDirectories(work.resolve("sock"));
        conf = work.resolve("pgbackrest.conf");
        writeConf(0);
        Map<String, String> settings = new java.util.LinkedHashMap<>(Archiving.primarySettings(work.resolve("unused")));
        settings.put("archive_command", "pgbackrest --config=" + conf + " --stanza=lab archive-push %p");
        settings.put("archive_timeout", "5s");
        PgCluster cluster = PgCluster.init(PgBinaries.bundled(), work.resolve("primary"), settings);
        // pgbackrest talks to the primary through its Unix socket (the lab starts servers without one).
        primary = cluster.start("primary", Map.of("unix_socket_directories", socket.toString()));
        writeConf(primary.port());
        primary.createDatabase("wiki");
        try (Connection c = primary.connect("wiki")) {
            WikiSchema.create(c);
            WikiData.generate(c, 300, 7);
        }
        pgbackrest("stanza-create");
        pgbackrest("--type=full", "backup");
        for (int i = 0; i < 4; i++) {
            edit(i);
            primary.queryString("postgres", "SELECT pg_switch_wal()");
        }
        edit(99);
        Archiving.switchAndAwaitArchived(primary, Duration.ofMinutes(2));
        site = work.resolve("site.conf");
        String cmd = "pgbackrest --config=" + conf + " --stanza=lab";
        Files.writeString(site, """
                site     { base-url = "http://127.0.0.1:9" }
                database { url = "%s", user = postgres }
                drill {
                  fetch-command   = "%s --pg1-path=%%d restore"
                  restore-command = "%s --pg1-path=%%d archive-get %%f \\"%%p\\""
                  tables = [
                    { name = allPages, key = [name, editTime], timestamp = "to_timestamp(editTime)", append-only = true }
                    { name = curPages, key = [name], timestamp = "to_timestamp(editTime)" }
                  ]
                  max-restore-time = 10m
                  max-data-loss = 10m
                }
                """.formatted(primary.jdbcUrl("wiki"), cmd, cmd));
    }

    private static void writeConf(int port) throws IOException {
        Files.writeString(conf, """
                [global]
                repo1-path=%s
                log-path=%s
                lock-path=%s
                spool-path=%s
                log-level-console=info
                log-level-file=off
                start-fast=y

                [lab]
                pg1-path=%s
                pg1-port=%d
                pg1-socket-path=%s
                pg1-user=postgres
                """.formatted(repo, work.resolve("log"), work.resolve("lock"), work.resolve("spool"),
                work.resolve("primary"), port, work.resolve("sock")));
    }

    private static void edit(int i) {
        primary.execute("wiki", "INSERT INTO allPages (name, text, editTime, propercased_name) VALUES ('it page "
                + i + "', 'edit', extract(epoch FROM clock_timestamp()), 'It page " + i + "')");
    }

    private static void pgbackrest(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("pgbackrest", "--config=" + conf, "--stanza=lab"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "pgbackrest " + String.join(" ", args) + " timed out");
        assertEquals(0, p.exitValue(), "pgbackrest " + String.join(" ", args) + ":\n" + out);
    }

    @AfterAll
    static void stop() {
        if (primary != null) {
            primary.close();
        }
    }

    private static Map<String, CheckResult> drill() {
        SiteConfig config = SiteConfigLoader.load(site);
        Drill.Outcome outcome = Drill.run(config, config.drill().orElseThrow(),
                new Progress(System.out, "pgbackrest-it"), "it", "it");
        return outcome.checks().stream().collect(Collectors.toMap(CheckResult::id, c -> c));
    }

    @Test
    @Order(1)
    void healthyRepositoryPassesEveryDrillCheck() {
        Map<String, CheckResult> checks = drill();
        for (String id : List.of("drill.restore", "drill.restore-time", "drill.recovery-point", "drill.tables",
                "drill.amcheck")) {
            assertEquals(CheckStatus.PASSED, checks.get(id).status(), id + ": " + checks.get(id).message());
        }
        assertTrue(checks.get("drill.restore").message().contains("pgbackrest"), checks.get("drill.restore").message());
    }

    @Test
    @Order(2)
    void walFileRemovedFromTheRepositoryFailsNamingTheSegment() throws Exception {
        Path removed;
        try (Stream<Path> files = Files.walk(repo.resolve("archive"))) {
            // WAL of the edits after the backup: the segments after the one holding the backup's stop.
            List<Path> segments = files.filter(f -> f.getFileName().toString().matches("[0-9A-F]{24}-.*"))
                    .sorted().toList();
            removed = segments.get(segments.size() - 3);
        }
        Files.delete(removed);
        String segment = removed.getFileName().toString().substring(0, 24);
        edit(100);
        Archiving.switchAndAwaitArchived(primary, Duration.ofMinutes(2));
        Map<String, CheckResult> checks = drill();
        CheckResult rp = checks.get("drill.recovery-point");
        assertEquals(CheckStatus.FAILED, rp.status(), rp.message());
        assertTrue(rp.message().contains("segment " + segment + " is missing"), rp.message());
        assertEquals(CheckStatus.PASSED, checks.get("drill.restore").status(), checks.get("drill.restore").message());
    }
}
