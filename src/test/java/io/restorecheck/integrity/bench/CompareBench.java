package io.restorecheck.integrity.bench;

import io.restorecheck.config.TableSpec;
import io.restorecheck.integrity.ReadOnlySessions;
import io.restorecheck.integrity.TableComparison;
import io.restorecheck.integrity.TableResult;
import io.restorecheck.lab.PgBinaries;
import io.restorecheck.lab.PgCluster;
import io.restorecheck.lab.PgServer;
import io.restorecheck.lab.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Fingerprint comparison of two identical tables of N rows on two bundled servers, against the baseline
 * {@code SELECT count(*)} on the same tables in the same run (both servers at once in both cases), then the
 * time to find one missing row. Usage: {@code CompareBench [rows, default 1000000] [repeats, default 3]}.
 */
public final class CompareBench {
    private static final TableSpec SPEC = new TableSpec("allPages", List.of("name", "editTime"),
            "to_timestamp(editTime)");

    private CompareBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("restorecheck-bench-");
        PgBinaries bin = PgBinaries.bundled();
        Map<String, String> settings = Map.of("shared_buffers", "256MB", "max_wal_size", "4GB",
                "synchronous_commit", "off", "fsync", "off", "autovacuum", "off");
        try (PgServer a = PgCluster.init(bin, work.resolve("reference"), settings).start("reference");
             PgServer b = PgCluster.init(bin, work.resolve("restored"), settings).start("restored")) {
            long t0 = System.nanoTime();
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> load(a, rows)),
                    CompletableFuture.runAsync(() -> load(b, rows))).join();
            System.out.printf(Locale.ROOT, "loaded %,d rows into each of two PostgreSQL %d servers in %.1f s%n",
                    rows, bin.major(), secs(t0));
            try (Connection ra = ReadOnlySessions.open(a.jdbcUrl("wiki"), "postgres");
                 Connection rb = ReadOnlySessions.open(b.jdbcUrl("wiki"), "postgres");
                 TableComparison comparison = new TableComparison(ra, rb)) {
                comparison.compare(SPEC);
                countBoth(ra, rb);
                double count = Double.MAX_VALUE;
                double compare = Double.MAX_VALUE;
                TableResult last = null;
                for (int i = 0; i < repeats; i++) {
                    count = Math.min(count, countBoth(ra, rb));
                    long c0 = System.nanoTime();
                    last = comparison.compare(SPEC);
                    compare = Math.min(compare, secs(c0));
                }
                if (!last.contentEqual()) {
                    throw new IllegalStateException("identical tables compared unequal: " + last);
                }
                b.execute("wiki", "DELETE FROM allPages WHERE name = 'page " + (rows / 2) + "'");
                long m0 = System.nanoTime();
                TableResult missing = comparison.compare(SPEC);
                double find = secs(m0);
                System.out.printf(Locale.ROOT, "count(*) both servers:       %7.3f s  %,12.0f rows/s per side%n",
                        count, rows / count);
                System.out.printf(Locale.ROOT, "fingerprint compare:         %7.3f s  %,12.0f rows/s per side"
                        + "  (%d segments)%n", compare, rows / compare, last.segmentsCompared());
                System.out.printf(Locale.ROOT, "ratio compare / count(*):    %7.2f x%n", compare / count);
                System.out.printf(Locale.ROOT, "find 1 missing row:          %7.3f s  (%d segments, named %s)%n",
                        find, missing.segmentsCompared(), missing.missing());
            }
        } finally {
            Processes.deleteTree(work);
        }
    }

    private static void load(PgServer s, long rows) {
        s.createDatabase("wiki");
        s.execute("wiki", "CREATE TABLE allPages (name varchar(100), text text, editTime double precision, "
                + "userEdited varchar(100), PRIMARY KEY (name, editTime))");
        s.execute("wiki", "INSERT INTO allPages SELECT 'page ' || i, md5(i::text) || md5((i * 7)::text), "
                + "1700000000 + i * 0.5, 'user' || (i % 97) FROM generate_series(1, " + rows + ") i");
        s.execute("wiki", "VACUUM ANALYZE allPages");
    }

    private static double countBoth(Connection a, Connection b) {
        long t0 = System.nanoTime();
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> count(a)), CompletableFuture.runAsync(() -> count(b)))
                .join();
        return secs(t0);
    }

    private static void count(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM allPages")) {
            rs.next();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
