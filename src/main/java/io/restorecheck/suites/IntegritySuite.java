package io.restorecheck.suites;

import io.restorecheck.integrity.ArchiveRun;
import io.restorecheck.integrity.ArchivingActive;
import io.restorecheck.integrity.IntegrityRun;
import io.restorecheck.integrity.Recency;
import io.restorecheck.integrity.SettingsDrift;
import io.restorecheck.integrity.TableChecks;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing lost: the restored tables against a reference replay of the base backup + archive, recency against
 * the outage, and the restored server archiving again with the old settings. Measured once, one test per check.
 */
@DisplayName("integrity: tables, recency, archiving, settings")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SuiteContextResolver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class IntegritySuite {
    private SuiteContext ctx;
    private IntegrityRun run;

    @BeforeAll
    void measure(SuiteContext context) {
        ctx = context;
        // The archive's last commit as the WAL reader read it from the segments, when ArchiveSuite ran first;
        // otherwise recency falls back to the reference replay's last replayed commit.
        Optional<Recency.LastCommit> fromArchive = ctx.shared(ArchiveRun.class).flatMap(ArchiveRun::lastCommit);
        run = IntegrityRun.measure(ctx.site(), ctx.outageAt(), ctx.progress(), fromArchive);
        run.metrics().forEach(ctx::metric);
    }

    @Test
    @Order(1)
    @DisplayName(TableChecks.ROWCOUNT)
    void rowcount() {
        Checks.report(ctx, run.result(TableChecks.ROWCOUNT));
    }

    @Test
    @Order(2)
    @DisplayName(TableChecks.LATEST_EDIT)
    void latestEdit() {
        Checks.report(ctx, run.result(TableChecks.LATEST_EDIT));
    }

    @Test
    @Order(3)
    @DisplayName(TableChecks.CONTENT)
    void content() {
        Checks.report(ctx, run.result(TableChecks.CONTENT));
    }

    @Test
    @Order(4)
    @DisplayName(Recency.CHECK)
    void recency() {
        Checks.report(ctx, run.result(Recency.CHECK));
    }

    @Test
    @Order(5)
    @DisplayName(ArchivingActive.CHECK)
    void archivingActive() {
        Checks.report(ctx, run.result(ArchivingActive.CHECK));
    }

    @Test
    @Order(6)
    @DisplayName(SettingsDrift.CHECK)
    void settingsDrift() {
        Checks.report(ctx, run.result(SettingsDrift.CHECK));
    }
}
