package io.restorecheck.suites;

import io.restorecheck.integrity.ArchiveChecks;
import io.restorecheck.integrity.ArchiveRun;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The archive checks: continuity of the WAL archive along the timeline being restored, timeline history, and
 * whether the restored server replayed to the end of what the archive holds. Measured once by {@link ArchiveRun};
 * the archive is only read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ArchiveSuite {
    /** The summary metric with what the segments say (last commit, gaps, damage). */
    static final String METRIC = "wal";
    private static ArchiveRun run;

    @BeforeAll
    static void measure() throws IOException {
        SuiteContext ctx = SuiteContext.current();
        run = ArchiveRun.measure(ctx.site(), ctx.progress());
        ctx.share(ArchiveRun.class, run);
        run.metric().ifPresent(m -> ctx.metric(METRIC, m));
    }

    @Test
    @Order(1)
    @DisplayName(ArchiveChecks.CONTINUITY)
    void continuity() {
        Checks.report(run.result(ArchiveChecks.CONTINUITY));
    }

    @Test
    @Order(2)
    @DisplayName(ArchiveChecks.TIMELINE)
    void timeline() {
        Checks.report(run.result(ArchiveChecks.TIMELINE));
    }

    @Test
    @Order(3)
    @DisplayName(ArchiveChecks.REACHED_END)
    void reachedEnd() {
        Checks.report(run.result(ArchiveChecks.REACHED_END));
    }
}
