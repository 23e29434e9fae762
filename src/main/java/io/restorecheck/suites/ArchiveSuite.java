package io.restorecheck.suites;

import io.restorecheck.integrity.ArchiveChecks;
import io.restorecheck.integrity.ArchiveRun;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The archive checks: continuity of the WAL archive along the timeline being restored, timeline history, and
 * whether the restored server replayed to the end of what the archive holds. Measured once by {@link ArchiveRun};
 * the archive is only read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SuiteContextResolver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ArchiveSuite {
    /** The summary metric with what the segments say (last commit, gaps, damage). */
    static final String METRIC = "wal";
    private SuiteContext ctx;
    private ArchiveRun run;

    @BeforeAll
    void measure(SuiteContext context) throws IOException {
        ctx = context;
        run = ArchiveRun.measure(ctx.site(), ctx.progress());
        ctx.share(ArchiveRun.class, run);
        run.metric().ifPresent(m -> ctx.metric(METRIC, m));
    }

    @Test
    @Order(1)
    @DisplayName(ArchiveChecks.CONTINUITY)
    void continuity() {
        Checks.report(ctx, run.result(ArchiveChecks.CONTINUITY));
    }

    @Test
    @Order(2)
    @DisplayName(ArchiveChecks.TIMELINE)
    void timeline() {
        Checks.report(ctx, run.result(ArchiveChecks.TIMELINE));
    }

    @Test
    @Order(3)
    @DisplayName(ArchiveChecks.REACHED_END)
    void reachedEnd() {
        Checks.report(ctx, run.result(ArchiveChecks.REACHED_END));
    }
}
