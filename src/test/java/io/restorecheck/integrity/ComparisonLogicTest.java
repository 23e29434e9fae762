package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.TableSpec;
import io.restorecheck.report.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonLogicTest {
    private static final TableShape ALL_PAGES = TableShape.of(new TableSpec("allPages", List.of("name", "editTime"),
            "to_timestamp(editTime)"), "public.allpages", List.of(
            new TableShape.KeyColumn("name", "\"name\"", "character varying(100)", true),
            new TableShape.KeyColumn("edittime", "\"edittime\"", "double precision", false)),
            List.of(new TableShape.Column("\"name\"", "varchar"), new TableShape.Column("\"edittime\"", "float8"),
                    new TableShape.Column("\"userip\"", "inet"), new TableShape.Column("\"tags\"", "_text")));

    @Test
    void segmentsWhoseCountOrHashDifferAreMismatchedAndAbsentSegmentsCountAsEmpty() {
        Map<Integer, Fingerprint> ref = Map.of(0, new Fingerprint(10, "123"), 1, new Fingerprint(5, "9"),
                2, new Fingerprint(7, "70"), 3, new Fingerprint(1, "1"));
        Map<Integer, Fingerprint> res = Map.of(0, new Fingerprint(10, "123"), 1, new Fingerprint(5, "8"),
                2, new Fingerprint(6, "70"), 4, new Fingerprint(2, "2"));
        assertEquals(List.of(1, 2, 3, 4), Fingerprint.mismatched(ref, res));
    }

    @Test
    void leafRowsAreNamedMissingExtraOrChangedAndListsAreCapped() {
        Map<Key, Long> ref = new LinkedHashMap<>();
        Map<Key, Long> res = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            ref.put(Key.of("page" + i, "1.5"), (long) i);
        }
        res.putAll(ref);
        res.remove(Key.of("page3", "1.5"));
        res.put(Key.of("page7", "1.5"), -7L);
        res.put(Key.of("new", "2.5"), 99L);
        RowDiff d = new RowDiff(20);
        d.addLeaf(ref, res);
        assertEquals(List.of(Key.of("page3", "1.5")), d.missing);
        assertEquals(List.of(Key.of("page7", "1.5")), d.changed);
        assertEquals(List.of(Key.of("new", "2.5")), d.extra);
        RowDiff capped = new RowDiff(2);
        capped.addMissing(List.of(Key.of("a"), Key.of("b"), Key.of("c")), 1000);
        assertEquals(2, capped.missing.size());
        assertEquals(1000, capped.missingTotal);
        assertEquals("(name=Main Page, edittime=1.5)", Key.of("Main Page", "1.5").describe(List.of("name",
                "edittime")));
    }

    @Test
    void rowHashUsesEachTypesHashSeededByPositionAndSurvivesNulls() {
        assertEquals("coalesce(hashtextextended(t.\"name\"::text COLLATE \"C\", 1), -7919) # "
                + "coalesce(hashfloat8extended(t.\"edittime\", 2), -15838) # coalesce(hashinetextended(t.\"userip\", 3), "
                + "-23757) # coalesce(hashtextextended(t.\"tags\"::text COLLATE \"C\", 4), -31676)", ALL_PAGES.rowHash());
    }

    @Test
    void recencyFailsBeyondMaxDataLossAndStatesTheRecoveryPoint() {
        Instant outage = Instant.parse("2026-01-01T12:00:10Z");
        Recency.LastCommit last = new Recency.LastCommit(Instant.parse("2026-01-01T12:00:00Z"), "test");
        assertEquals(CheckStatus.PASSED, Recency.check(Optional.of(outage), Optional.of(last),
                Duration.ofSeconds(30)).status());
        var failed = Recency.check(Optional.of(outage), Optional.of(last), Duration.ofSeconds(5));
        assertEquals(CheckStatus.FAILED, failed.status());
        assertTrue(failed.message().contains("recovery point NOT achieved: the archive's last commit at "
                + "2026-01-01T12:00:00Z"), failed.message());
        assertEquals(CheckStatus.SKIPPED, Recency.check(Optional.empty(), Optional.of(last),
                Duration.ofSeconds(5)).status());
    }
}
