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
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Fingerprint comparison of two identical tables of N rows on two bundled servers, against the baseline
 * {@code SELECT count(*)} on the same tables in the same run (both servers at once in both cases); then the same
 * comparison with one row missing and with 1% of the rows changed, each as a ratio to the no-difference compare.
 * Usage: {@code CompareBench [rows, default 1000000] [repeats, default 3] [workers per side, default: the servers'
 * max_parallel_workers, at most 8]}. Memory: the JVM's peak heap use during each comparison is printed.
 */
public final class CompareBench {
    private static final TableSpec SPEC = new TableSpec("allPages", List.of("name", "editTime"),
            "to_timestamp(editTime)");

    private CompareBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        OptionalInt workers = args.length > 2 ? OptionalInt.of(Integer.parseInt(args[2])) : OptionalInt.empty();
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
            TableComparison.Sessions moreA = () -> ReadOnlySessions.open(a.jdbcUrl("wiki"), "postgres");
            TableComparison.Sessions moreB = () -> ReadOnlySessions.open(b.jdbcUrl("wiki"), "postgres");
            try (Connection ra = moreA.open(); Connection rb = moreB.open();
                 TableComparison comparison = new TableComparison(ra, rb, moreA, moreB, workers)) {
                comparison.compare(SPEC);
                countBoth(ra, rb);
                double count = Double.MAX_VALUE;
                double compare = Double.MAX_VALUE;
                TableResult last = null;
                resetPeaks();
                for (int i = 0; i < repeats; i++) {
                    count = Math.min(count, countBoth(ra, rb));
                    long c0 = System.nanoTime();
                    last = comparison.compare(SPEC);
                    compare = Math.min(compare, secs(c0));
                }
                long equalHeap = peakHeapMb();
                if (!last.contentEqual()) {
                    throw new IllegalStateException("identical tables compared unequal: " + last);
                }
                System.out.printf(Locale.ROOT, "workers per side: %s%n", workers.isPresent()
                        ? Integer.toString(workers.getAsInt()) : "servers' max_parallel_workers (at most 8)");
                System.out.printf(Locale.ROOT, "count(*) both servers:       %7.3f s  %,12.0f rows/s per side%n",
                        count, rows / count);
                System.out.printf(Locale.ROOT, "fingerprint compare:         %7.3f s  %,12.0f rows/s per side"
                        + "  (%d segments, peak heap %d MB)%n", compare, rows / compare, last.segmentsCompared(),
                        equalHeap);
                System.out.printf(Locale.ROOT, "ratio compare / count(*):    %7.2f x%n", compare / count);

                b.execute("wiki", "DELETE FROM allPages WHERE name = 'page " + (rows / 2) + "'");
                resetPeaks();
                long m0 = System.nanoTime();
                TableResult missing = comparison.compare(SPEC);
                double find = secs(m0);
                System.out.printf(Locale.ROOT, "find 1 missing row:          %7.3f s  %7.2f x the no-diff compare"
                        + "  (named %s, peak heap %d MB)%n", find, find / compare, missing.missing(), peakHeapMb());
                if (missing.missingTotal() != 1 || missing.changedTotal() + missing.extraTotal() != 0) {
                    throw new IllegalStateException("expected exactly 1 missing row: " + missing);
                }

                b.execute("wiki", "UPDATE allPages SET text = text || 'x' WHERE (editTime * 2)::bigint % 100 = 0");
                // Every 100th row changed, less the one deleted above when it was one of them.
                long changedRows = rows / 100 - ((rows / 2) % 100 == 0 ? 1 : 0);
                resetPeaks();
                long p0 = System.nanoTime();
                TableResult changed = comparison.compare(SPEC);
                double onePercent = secs(p0);
                System.out.printf(Locale.ROOT, "1%% of rows changed:          %7.3f s  %7.2f x the no-diff compare"
                        + "  (%,d changed + 1 missing found, peak heap %d MB)%n", onePercent, onePercent / compare,
                        changed.changedTotal(), peakHeapMb());
                if (changed.changedTotal() != changedRows || changed.missingTotal() != 1) {
                    throw new IllegalStateException("expected " + changedRows + " changed rows and 1 missing: "
                            + changed.changedTotal() + " changed, " + changed.missingTotal() + " missing");
                }
            }
        } finally {
            Processes.deleteTree(work);
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Peak heap used since {@link #resetPeaks()}, all heap pools summed (an upper bound). */
    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
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
