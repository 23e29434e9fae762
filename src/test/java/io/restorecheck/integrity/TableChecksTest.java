package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables without a timestamp, and tables found on neither side, turned into checks. */
class TableChecksTest {
    private static TableResult equal(String name, boolean timestamped) {
        return new TableResult(name, List.of("id"), 10, 10, timestamped ? "2026-01-01 00:00:00+00" : null,
                timestamped ? "2026-01-01 00:00:00+00" : null, List.of(), 0, List.of(), 0, List.of(), 0, 1, 0.1, null,
                timestamped, false);
    }

    @Test
    void aTableWithoutTimestampIsSkippedByLatestEditWithTheReason() {
        CheckResult r = TableChecks.latestEdit(List.of(equal("mw.page", true), equal("mw.text", false)));
        assertEquals(CheckStatus.PASSED, r.status());
        assertTrue(r.message().contains("skipped, no timestamp configured: mw.text"), r.message());
        CheckResult none = TableChecks.latestEdit(List.of(equal("mw.text", false)));
        assertEquals(CheckStatus.SKIPPED, none.status());
        assertTrue(none.message().contains("no configured table has a timestamp"), none.message());
    }

    @Test
    void aTableOnNeitherSideMakesTheTableChecksBrokenNotFailed() {
        TableResult gone = new TableResult("page", List.of("id"), -1, -1, null, null, List.of(), 0, List.of(), 0,
                List.of(), 0, 0, 0.1, "table page exists on neither the restored server nor the reference: likely "
                + "the schema", true, true);
        for (CheckResult r : List.of(TableChecks.rowcount(List.of(gone, equal("t", true))),
                TableChecks.latestEdit(List.of(gone)), TableChecks.content(List.of(gone)))) {
            assertEquals(CheckStatus.BROKEN, r.status(), r.message());
            assertTrue(r.message().contains("likely the schema"), r.message());
        }
    }

    @Test
    void aTableMissingOnTheReferenceOnlyIsNamedOnThatSide() {
        TableResult refMissing = new TableResult("page", List.of("id"), -1, 5, null, null, List.of(), 0, List.of(),
                5, List.of(), 0, 0, 0.1, "table page does not exist on the reference (base backup + archive "
                + "replayed), though the restored server has it (5 rows)", true, false);
        CheckResult r = TableChecks.rowcount(List.of(refMissing));
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().contains("page restored 5 rows, reference no such table"), r.message());
    }
}
