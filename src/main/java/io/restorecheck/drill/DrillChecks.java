package io.restorecheck.drill;

import io.restorecheck.config.DrillSection;
import io.restorecheck.report.CheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The drill's checks (ids never renamed) and its metrics, from what the restore, comparison and amcheck found. */
final class DrillChecks {
    static final String RESTORE = "drill.restore";
    static final String RESTORE_TIME = "drill.restore-time";
    static final String RECOVERY_POINT = "drill.recovery-point";
    static final String TABLES = "drill.tables";
    static final String AMCHECK = "drill.amcheck";

    private DrillChecks() {
    }

    static CheckResult restore(DrillServer.Result r) {
        return CheckResult.passed(RESTORE, "promoted", "consistent and promoted", null, "restored " + r.backup()
                + " with " + r.binaries() + "; redo " + r.redoStartLsn() + " .. " + r.redoEndLsn()
                + ", promoted to timeline " + (r.timeline() + 1));
    }

    static CheckResult restoreTime(DrillServer.Result r, Duration budget) {
        Phases p = r.phases();
        double budgetSeconds = budget.toMillis() / 1000.0;
        String split = String.format(Locale.ROOT, "fetch %.2f s + start %.2f s + consistency %.2f s + replay %.2f s "
                        + "+ promote %.2f s = %.2f s; %s of WAL replayed at %.1f MB/s", p.fetchSeconds(),
                p.startSeconds(), p.consistencySeconds(), p.replaySeconds(), p.promoteSeconds(), p.totalSeconds(),
                bytes(r.walBytes()), r.replayMbPerSecond());
        boolean ok = p.totalSeconds() <= budgetSeconds;
        return CheckResult.of(ok, RESTORE_TIME, round(p.totalSeconds()), budgetSeconds, "s", ok
                ? "the restore an outage would cost tonight: " + split
                : "the restore took " + round(p.totalSeconds()) + " s, over drill.max-restore-time "
                + budgetSeconds + " s: " + split + "; the slowest phase is where to act");
    }

    static CheckResult recoveryPoint(DrillServer.Result r, RecoveryPoint rp, Duration budget) {
        double budgetSeconds = budget.toMillis() / 1000.0;
        if (rp.point().isEmpty()) {
            return CheckResult.failed(RECOVERY_POINT, "unknown", budgetSeconds, "s", "no commit was replayed and the"
                    + " backup has no backup_label START TIME: the drill cannot say what it recovered");
        }
        double loss = rp.dataLoss().orElseThrow().toMillis() / 1000.0;
        String evidence = "recovered up to " + rp.point().get() + " (" + rp.pointSource() + "); the live primary's "
                + "clock at promotion " + rp.primaryNow() + "; replay ended at " + r.redoEndLsn()
                + (r.firstUnfetchedSegment() == null ? "" : ", the archive did not deliver "
                + r.firstUnfetchedSegment()) + rp.primaryLastArchived().map(w -> "; the primary reports " + w
                + " archived" + (r.firstUnfetchedSegment() != null && rp.gapSegment().isEmpty()
                && w.compareTo(r.firstUnfetchedSegment()) >= 0 ? " (that segment arrived after replay asked for it:"
                + " no gap)" : "")).orElse("; the primary's archiver view was not readable");
        if (rp.gapSegment().isPresent()) {
            return CheckResult.failed(RECOVERY_POINT, round(loss), budgetSeconds, "s", "the archive has a gap: "
                    + "segment " + rp.gapSegment().get() + " is missing while later segments are archived, so a "
                    + "restore tonight stops at " + rp.point().get() + " and loses everything after it; "
                    + evidence + ". Restore the segment into the archive (from the primary's pg_wal if it is "
                    + "still there) and take a new base backup");
        }
        boolean ok = loss <= budgetSeconds;
        return CheckResult.of(ok, RECOVERY_POINT, round(loss), budgetSeconds, "s", (ok ? "a restore tonight loses "
                + round(loss) + " s of commits: " : "a restore tonight would lose " + round(loss) + " s of commits, "
                + "over drill.max-data-loss " + budgetSeconds + " s (archive more often: archive_timeout, or stream"
                + " WAL): ") + evidence);
    }

    static CheckResult tables(List<TableVerdict> tables, RecoveryPoint rp, DrillSection drill) {
        if (drill.tables().isEmpty()) {
            return CheckResult.skipped(TABLES, "no tables configured (drill.tables or integrity.tables)");
        }
        if (rp.point().isEmpty()) {
            return CheckResult.failed(TABLES, 0, drill.tables().size(), "tables", "no recovery point: nothing to "
                    + "compare up to");
        }
        long ok = tables.stream().filter(TableVerdict::ok).count();
        String cutoff = "cutoff " + rp.point().get().minus(drill.timestampSlack()) + " (recovery point minus "
                + "drill.timestamp-slack " + drill.timestampSlack().toMillis() + " ms)";
        List<String> parts = new ArrayList<>();
        tables.stream().filter(t -> !t.ok()).forEach(t -> parts.add(t.describe()));
        tables.stream().filter(TableVerdict::ok).forEach(t -> parts.add(t.describe()));
        boolean missing = tables.stream().anyMatch(t -> t.missing() > 0 || (t.appendOnly() && t.extra() > 0));
        String verdict = ok == tables.size() ? "every primary row up to the recovery point is in the copy; "
                : missing ? "the copy and the primary disagree about rows committed before the recovery point; "
                : "a table could not be compared (a read error on the copy is evidence too: see drill.amcheck); ";
        return CheckResult.of(ok == tables.size(), TABLES, ok, tables.size(), "tables", verdict + cutoff + ": "
                + String.join(" | ", parts));
    }

    static CheckResult amcheck(Amcheck.Result a, DrillSection.Amcheck config) {
        String scope = (config.relations().isEmpty() ? "every relation" : "relations " + config.relations())
                + ": " + a.relations() + " of " + a.relationsTotal() + " relations, " + a.blocks() + " of "
                + a.blocksTotal() + " blocks (" + a.heapChecked() + " heap" + (a.heapCheckAvailable() ? ""
                : ": verify_heapam needs PostgreSQL 14, heaps are only checked through heapallindexed") + ", "
                + a.indexesChecked() + " B-tree" + (config.heapAllIndexed() ? " with heapallindexed" : "") + ") in "
                + round(a.seconds()) + " s";
        if (!a.corruption().isEmpty()) {
            return CheckResult.failed(AMCHECK, a.corruption().size(), 0, "findings", "corruption in the restored "
                    + "copy: " + String.join(" | ", a.corruption()) + "; checked " + scope + ". The base backup (or"
                    + " the WAL replayed onto it) holds a damaged page: take a new base backup and find the cause");
        }
        if (!a.complete()) {
            return CheckResult.failed(AMCHECK, a.relations(), a.relationsTotal(), "relations", "drill.amcheck"
                    + ".max-time " + config.maxTime().toSeconds() + " s ran out: checked " + scope + "; the rest is "
                    + "unproven (raise max-time or list fewer relations)");
        }
        return CheckResult.passed(AMCHECK, 0, 0, "findings", "no corruption: checked " + scope);
    }

    static Map<String, Object> metrics(DrillServer.Result r, RecoveryPoint rp, List<TableVerdict> tables,
                                       Optional<Amcheck.Result> am) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backup", r.backup());
        m.put("postgres", r.binaries());
        Phases p = r.phases();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("fetch", round(p.fetchSeconds()));
        t.put("start", round(p.startSeconds()));
        t.put("consistency", round(p.consistencySeconds()));
        t.put("replay", round(p.replaySeconds()));
        t.put("promote", round(p.promoteSeconds()));
        t.put("total", round(p.totalSeconds()));
        m.put("restore_seconds", t);
        m.put("wal_bytes", r.walBytes());
        m.put("replay_mb_per_s", round(r.replayMbPerSecond()));
        m.put("redo_start_lsn", r.redoStartLsn());
        m.put("redo_end_lsn", r.redoEndLsn());
        m.put("first_unfetched_segment", r.firstUnfetchedSegment());
        if (rp == null) {
            am.ifPresent(a -> m.put("amcheck", amcheckMetrics(a)));
            return m;
        }
        m.put("recovery_point", rp.point().map(Object::toString).orElse(null));
        m.put("recovery_point_source", rp.pointSource());
        m.put("primary_now", rp.primaryNow().toString());
        m.put("primary_last_archived_wal", rp.primaryLastArchived().orElse(null));
        m.put("data_loss_seconds", rp.dataLoss().map(d -> round(d.toMillis() / 1000.0)).orElse(null));
        m.put("archive_gap_segment", rp.gapSegment().orElse(null));
        List<Map<String, Object>> tl = new ArrayList<>();
        for (TableVerdict v : tables) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("table", v.table());
            e.put("append_only", v.appendOnly());
            e.put("ok", v.ok());
            e.put("copy_rows", v.copyRows());
            e.put("primary_rows", v.primaryRows());
            e.put("primary_rows_up_to_cutoff", v.primaryRowsUpToCutoff());
            e.put("missing", v.missing());
            e.put("extra", v.extra());
            e.put("copy_latest", v.copyLatest());
            e.put("primary_latest_up_to_cutoff", v.primaryLatestUpToCutoff());
            if (v.error() != null) {
                e.put("error", v.error());
            }
            tl.add(e);
        }
        m.put("tables_compared", tables.size());
        m.put("tables", tl);
        am.ifPresent(a -> m.put("amcheck", amcheckMetrics(a)));
        return m;
    }

    private static Map<String, Object> amcheckMetrics(Amcheck.Result a) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("relations", a.relations());
        e.put("relations_total", a.relationsTotal());
        e.put("blocks", a.blocks());
        e.put("blocks_total", a.blocksTotal());
        e.put("heap_checked", a.heapChecked());
        e.put("indexes_checked", a.indexesChecked());
        e.put("corruption", a.corruption());
        e.put("seconds", round(a.seconds()));
        return e;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String bytes(long b) {
        return b >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", b / 1e6) : b + " bytes";
    }
}
