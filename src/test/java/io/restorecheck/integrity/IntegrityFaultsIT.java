package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.lab.Archiving;
import io.restorecheck.lab.BaseBackup;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Restore;
import io.restorecheck.lab.ShutdownMode;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Progress;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers killed in the middle of the integrity run, on real PostgreSQL: the restored server during the table
 * comparison, the reference server during its replay. The run ends within its bound, the table checks are broken
 * naming the cause, the reference's folder is removed and no server it started is left running.
 */
class IntegrityFaultsIT {
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final List<String> TABLE_CHECKS = List.of(TableChecks.ROWCOUNT, TableChecks.LATEST_EDIT,
            TableChecks.CONTENT);

    @TempDir
    static Path work;
    static Path archive;
    static Path base;

    @BeforeAll
    static void primaryBackupAndArchive() throws Exception {
        archive = Files.createDirectories(work.resolve("archive"));
        try (PgServer primary = PgCluster.init(PgBinaries.bundled(), work.resolve("primary"),
                Archiving.primarySettings(archive)).start("primary")) {
            primary.createDatabase("app");
            primary.execute("app", "CREATE TABLE t (id int PRIMARY KEY, at timestamptz DEFAULT clock_timestamp(),"
                    + " pad text)");
            base = BaseBackup.take(primary, work.resolve("base"), "faults").directory();
            // Enough WAL after the backup (several segments) that replay and comparison take a while.
            primary.execute("app", "INSERT INTO t (id, pad) SELECT i, repeat(md5(i::text), 4) "
                    + "FROM generate_series(1, 200000) i");
            Archiving.switchAndAwaitArchived(primary, Duration.ofSeconds(120));
            primary.stop(ShutdownMode.IMMEDIATE);
        }
    }

    @Test
    void restoredServerKilledDuringTheTableComparisonLeavesTheTableChecksBrokenWithTheCause() throws Exception {
        PgServer restored = Restore.startAndPromote(Restore.prepare(PgBinaries.bundled(), base,
                work.resolve("restored-" + System.nanoTime()), new Restore.Options(archive, Optional.empty(),
                        Optional.empty())), "restored", Duration.ofMinutes(2));
        try (restored) {
            Set<Long> before = children();
            // The comparison starts as soon as the reference has replayed: kill the restored server then.
            Progress progress = watching("reference: replay the archive", () -> kill(restored.pid()));
            IntegrityRun run = assertTimeoutPreemptively(BOUND, () -> IntegrityRun.measure(site(restored),
                    Optional.empty(), progress, Optional.empty()));
            assertFalse(restored.isRunning(), "the restored server was killed");
            for (String id : TABLE_CHECKS) {
                CheckResult c = run.result(id);
                assertEquals(CheckStatus.BROKEN, c.status(), id + ": " + c.message());
                assertTrue(c.message().startsWith("comparing the tables with the reference failed: "),
                        id + ": " + c.message());
            }
            assertNothingLeft(before);
        }
    }

    @Test
    void referenceServerKilledDuringReplayLeavesTheTableChecksBrokenWithTheCause() throws Exception {
        PgServer restored = Restore.startAndPromote(Restore.prepare(PgBinaries.bundled(), base,
                work.resolve("restored-" + System.nanoTime()), new Restore.Options(archive, Optional.empty(),
                        Optional.empty())), "restored", Duration.ofMinutes(2));
        try (restored) {
            Set<Long> before = children();
            Progress progress = watching("reference: start PostgreSQL", () -> ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("restorecheck-reference-"))
                    .forEach(p -> kill(p.pid())));
            IntegrityRun run = assertTimeoutPreemptively(BOUND, () -> IntegrityRun.measure(site(restored),
                    Optional.empty(), progress, Optional.empty()));
            for (String id : TABLE_CHECKS) {
                CheckResult c = run.result(id);
                assertEquals(CheckStatus.BROKEN, c.status(), id + ": " + c.message());
                assertTrue(c.message().startsWith("reference replay of " + base)
                        && c.message().contains("exited during replay"), id + ": " + c.message());
            }
            assertNothingLeft(before);
        }
    }

    /**
     * The reference's temp folder on a full disk: a 8 MB tmpfs as java.io.tmpdir of a harness run as a process (the
     * JDK fixes the temp folder at its first use, so it cannot change inside this JVM). Skipped, saying why, where
     * the machine does not allow mounting a tmpfs.
     */
    @Test
    void referenceTempFolderOnAFullDiskLeavesTheTableChecksBrokenNamingNoSpace() throws Exception {
        Path small = Files.createDirectories(work.resolve("small-tmp"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        String mountOutput = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0,
                "cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN): " + mountOutput);
        PgServer restored = Restore.startAndPromote(Restore.prepare(PgBinaries.bundled(), base,
                work.resolve("restored-" + System.nanoTime()), new Restore.Options(archive, Optional.empty(),
                        Optional.empty())), "restored", Duration.ofMinutes(2));
        // The accept preflight wants a site that answers: any HTTP answer will do.
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 8);
        site.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        site.start();
        try (restored) {
            Path conf = Files.writeString(work.resolve("site-full.conf"), """
                    site      { base-url = "http://127.0.0.1:%d" }
                    database  { url = "%s", user = postgres }
                    integrity {
                      wal-archive = "%s"
                      base-backup = "%s"
                      postgres-bin = "%s"
                      tables = [ { name = t, key = [id], timestamp = "at" } ]
                    }
                    """.formatted(site.getAddress().getPort(), restored.jdbcUrl("app"), archive, base,
                    PgBinaries.bundled().binDir()));
            Path reports = work.resolve("reports-full");
            Path log = work.resolve("full.log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + small, "-Drestorecheck.report.allure=false", "-jar",
                    Path.of("target/restorecheck.jar").toAbsolutePath().toString(), "accept", "-c", conf.toString(),
                    "--only", "integrity", "--reports", reports.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("no end within " + BOUND + ":\n" + Files.readString(log));
            }
            assertEquals(1, p.exitValue(), Files.readString(log));
            io.restorecheck.report.Summary summary = io.restorecheck.report.SummaryWriter.read(
                    reports.resolve("latest/summary.json"));
            for (String id : TABLE_CHECKS) {
                CheckResult c = summary.checks().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
                assertEquals(CheckStatus.BROKEN, c.status(), id + ": " + c.message());
                assertTrue(c.message().contains("No space left on device") && c.message().contains(small.toString()),
                        id + ": " + c.message());
            }
            try (var left = Files.list(small)) {
                assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith(
                        "restorecheck-reference-")).toList(), "the reference folder is removed");
            }
        } finally {
            site.stop(0);
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    private static SiteConfig site(PgServer restored) throws Exception {
        Path conf = Files.writeString(work.resolve("site-" + System.nanoTime() + ".conf"), """
                site      { base-url = "http://127.0.0.1:1" }
                database  { url = "%s", user = postgres }
                integrity {
                  wal-archive = "%s"
                  base-backup = "%s"
                  tables = [ { name = t, key = [id], timestamp = "at" } ]
                }
                """.formatted(restored.jdbcUrl("app"), archive, base));
        return SiteConfigLoader.load(conf);
    }

    /** Progress that runs {@code action} once, when a line containing {@code trigger} is printed. */
    private static Progress watching(String trigger, Runnable action) {
        OutputStream sink = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();
            private boolean fired;

            @Override
            public synchronized void write(int b) {
                System.out.write(b);
                if (b != '\n') {
                    line.write(b);
                    return;
                }
                if (!fired && line.toString(StandardCharsets.UTF_8).contains(trigger)) {
                    fired = true;
                    action.run();
                }
                line.reset();
            }
        };
        return new Progress(new PrintStream(sink, true, StandardCharsets.UTF_8), "faults");
    }

    private static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** No process started during the run is still alive (the killed server's own children had time to go). */
    private static void assertNothingLeft(Set<Long> before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<String> left;
        do {
            left = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .filter(p -> !before.contains(p.pid())).map(p -> p.pid() + " " + p.info().commandLine()
                            .orElse("?")).collect(Collectors.toSet());
            Thread.sleep(200);
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(Set.of(), left, "processes left behind");
    }
}
