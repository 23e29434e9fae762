package io.restorecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.report.SummaryWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAL archive folder the harness may not read, at the start of the run. As root, permissions do not stop reads,
 * so the harness runs as {@code nobody} through {@code setpriv} (the jar the build just packaged); as a normal user
 * it runs as that user. The archive checks end broken naming the folder and the refusal, the report is written,
 * the run ends within its bound.
 */
class UnreadableArchiveIT {
    private static final long BOUND_SECONDS = 180;

    @TempDir
    Path dir;

    @Test
    void archiveFolderUnreadableAtTheStartLeavesTheArchiveChecksBrokenWithTheCause() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = Files.createDirectories(dir.resolve("wal-archive"));
        Files.writeString(archive.resolve("000000010000000000000001"), "not read");
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("---------"));
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.setPosixFilePermissions(reports, PosixFilePermissions.fromString("rwxrwxrwx"));
        // The accept preflight wants a database and a site that answer; only the archive is out of reach.
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        site.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        site.start();
        try (PgServer db = PgCluster.init(PgBinaries.bundled(), dir.resolve("db"), java.util.Map.of())
                .start("site")) {
            run(archive, reports, site.getAddress().getPort(), db.jdbcUrl("postgres"));
        } finally {
            site.stop(0);
        }
    }

    private void run(Path archive, Path reports, int sitePort, String dbUrl) throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site      { base-url = "http://127.0.0.1:%d" }
                database  { url = "%s", user = postgres }
                integrity {
                  wal-archive = "%s"
                  tables = [ { name = t, key = [id], timestamp = "now()" } ]
                }
                """.formatted(sitePort, dbUrl, archive));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));

        List<String> command = new ArrayList<>();
        Path jar = Path.of("target/restorecheck.jar").toAbsolutePath();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
            // The checkout may sit where nobody cannot read (/root): run a copy of the jar and its lib/ from here.
            Path app = Files.createDirectories(dir.resolve("app/lib"));
            try (var libs = Files.list(jar.resolveSibling("lib"))) {
                for (Path lib : libs.toList()) {
                    Files.copy(lib, app.resolve(lib.getFileName()));
                }
            }
            jar = Files.copy(jar, dir.resolve("app/restorecheck.jar"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Drestorecheck.report.allure=false", "-Duser.home=" + dir, "-jar",
                jar.toString(), "accept", "-c", conf.toString(),
                "--only", "integrity", "--reports", reports.toString()));
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no end within " + BOUND_SECONDS + " s:\n" + Files.readString(log));
        }
        assertEquals(1, p.exitValue(), Files.readString(log));
        Path summary = reports.resolve("latest/summary.json");
        assertTrue(Files.isRegularFile(summary), "the report is written:\n" + Files.readString(log));
        Summary s = SummaryWriter.read(summary);
        for (String id : List.of("integrity.archive.continuity", "integrity.archive.timeline",
                "integrity.replay.reached-end")) {
            CheckResult c = s.checks().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
            assertEquals(CheckStatus.BROKEN, c.status(), id + ": " + c.message());
            assertTrue(c.message().contains(archive.toString()) && c.message().contains("permission denied"),
                    id + ": " + c.message());
        }
        assertEquals(0, p.descendants().filter(ProcessHandle::isAlive).count(), "children left running");
    }
}
