package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.IntegritySection;
import io.restorecheck.config.TableSpec;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the recency bound comes from, and what the check says about it. */
class DataLossBoundTest {
    @TempDir
    Path dir;

    private static IntegritySection section(Optional<Path> conf, Duration maxDataLoss, boolean stated) {
        return new IntegritySection(Path.of("/srv/archive"), Optional.empty(), Optional.empty(),
                List.of(new TableSpec("t", List.of("id"), Optional.empty())), conf, maxDataLoss, List.of(), false,
                stated);
    }

    @Test
    void withoutMaxDataLossTheOldServersArchiveTimeoutPlusTheMarginIsTheBound() throws Exception {
        Path conf = Files.writeString(dir.resolve("postgresql.conf"), "# old server\narchive_timeout = 1min\n");
        DataLossBound b = DataLossBound.of(section(Optional.of(conf), IntegritySection.FALLBACK_MAX_DATA_LOSS,
                false));
        assertEquals(Duration.ofSeconds(70), b.bound());
        assertTrue(b.source().contains("archive_timeout 60 s (" + conf + ":2) + 10 s margin"), b.source());
    }

    @Test
    void aStatedMaxDataLossWinsAndAMissingArchiveTimeoutFallsBackSayingSo() throws Exception {
        Path conf = Files.writeString(dir.resolve("postgresql.conf"), "archive_timeout = 30\n");
        assertEquals("integrity.max-data-loss", DataLossBound.of(section(Optional.of(conf), Duration.ofSeconds(5),
                true)).source());
        Path none = Files.writeString(dir.resolve("none.conf"), "work_mem = 8MB\n");
        DataLossBound b = DataLossBound.of(section(Optional.of(none), IntegritySection.FALLBACK_MAX_DATA_LOSS, false));
        assertEquals(IntegritySection.FALLBACK_MAX_DATA_LOSS, b.bound());
        assertTrue(b.source().contains("archive_timeout not set") && b.source().contains("promised no bound"),
                b.source());
    }

    @Test
    void recencyFailureSaysNotAchievedAndNamesTheBoundsSource() throws Exception {
        Path conf = Files.writeString(dir.resolve("postgresql.conf"), "archive_timeout = 10s\n");
        DataLossBound b = DataLossBound.of(section(Optional.of(conf), IntegritySection.FALLBACK_MAX_DATA_LOSS, false));
        Instant outage = Instant.parse("2026-01-01T12:00:30Z");
        Recency.LastCommit last = new Recency.LastCommit(Instant.parse("2026-01-01T12:00:07Z"), "WAL reader");
        CheckResult r = Recency.check(Optional.of(outage), Optional.of(last), b);
        assertEquals(CheckStatus.FAILED, r.status(), r.message());
        assertTrue(r.message().startsWith("recovery point NOT achieved: the archive's last commit at "), r.message());
        assertTrue(r.message().contains("more than max-data-loss 20.000 s (from the old server's archive_timeout 10 s"),
                r.message());
        CheckResult ok = Recency.check(Optional.of(outage), Optional.of(new Recency.LastCommit(
                Instant.parse("2026-01-01T12:00:20Z"), "WAL reader")), b);
        assertEquals(CheckStatus.PASSED, ok.status());
        assertTrue(ok.message().startsWith("recovery point achieved:"), ok.message());
    }

    @Test
    void onlySessionSettingsOfTheSiteUrlReachTheReference() {
        assertEquals("jdbc:postgresql://127.0.0.1:5/wiki?currentSchema=mw&options=-c%20search_path%3Dmw",
                UrlSettings.carriedOver("jdbc:postgresql://127.0.0.1:5/wiki", "jdbc:postgresql://db:5432/wiki"
                        + "?user=x&password=y&currentSchema=mw&sslmode=require&options=-c%20search_path%3Dmw"));
        assertEquals("jdbc:postgresql://127.0.0.1:5/wiki", UrlSettings.carriedOver(
                "jdbc:postgresql://127.0.0.1:5/wiki", "jdbc:postgresql://db/wiki"));
    }
}
