package io.restorecheck.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import io.restorecheck.report.Summary;
import io.restorecheck.suites.Suites;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The integrity part of the demo on every PostgreSQL major the harness supports (as {@code demo --pg-major N
 * --only integrity}): primary, archive, base backup and restore on zonky's binaries of that major (fetched from
 * Maven Central into the per-user cache on first use), the WAL checks on its archive, and the reference replay
 * on the same major. A small wiki keeps each run short.
 */
class EveryMajorIT {
    @TempDir
    Path reports;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 14, 15, 16, 17, 18})
    void integrityPartOfTheDemoPassesOnMajor(int major) {
        Summary summary = new DemoRun(new DemoOptions(reports, 100, 42, Set.of(), Optional.empty(), major))
                .run(List.of(Suites.INTEGRITY));
        String bad = summary.checks().stream().filter(c -> c.status() != CheckStatus.PASSED
                        && c.status() != CheckStatus.SKIPPED)
                .map(c -> c.id() + " " + c.status() + ": " + c.message()).collect(Collectors.joining("\n"));
        assertEquals("pass", summary.verdict(), bad);
        List<String> ids = summary.checks().stream().map(CheckResult::id).toList();
        assertTrue(ids.stream().anyMatch(id -> id.startsWith("integrity.tables")), ids.toString());
        assertTrue(summary.metrics().toString().contains("major=" + major),
                "the WAL reader saw major " + major + "'s page magic: " + summary.metrics());
    }
}
