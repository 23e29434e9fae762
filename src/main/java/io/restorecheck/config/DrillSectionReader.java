package io.restorecheck.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and validates {@code drill { }}; defaults come from {@code integrity { }} where the two overlap. */
final class DrillSectionReader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern RELATION = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_$]*");

    private DrillSectionReader() {
    }

    static DrillSection read(Node n, Optional<IntegritySection> integrity) {
        Optional<java.nio.file.Path> backup = n.optPath("base-backup");
        Optional<String> fetch = n.optString("fetch-command").filter(s -> !s.isBlank());
        if (backup.isPresent() == fetch.isPresent()) {
            throw n.error(backup.isPresent() ? "fetch-command" : "base-backup", "give exactly one of base-backup (a "
                    + "backup folder, or a folder of backups: the newest is used) and fetch-command (a command that "
                    + "restores the newest backup into the folder %d, e.g. pgbackrest restore)");
        }
        if (fetch.isPresent() && !fetch.get().contains("%d")) {
            throw n.error("fetch-command", "must contain %d (the empty folder the harness names for the backup), got "
                    + fetch.get());
        }
        Optional<java.nio.file.Path> archive = n.optPath("wal-archive");
        Optional<String> restore = n.optString("restore-command").filter(s -> !s.isBlank());
        if (archive.isPresent() && restore.isPresent()) {
            throw n.error("restore-command", "give either wal-archive (a folder) or restore-command, not both");
        }
        if (restore.isPresent() && !(restore.get().contains("%f") && restore.get().contains("%p"))) {
            throw n.error("restore-command", "must contain %f (segment name) and %p (where to put it), got "
                    + restore.get());
        }
        if (archive.isEmpty() && restore.isEmpty()) {
            archive = integrity.map(IntegritySection::walArchive);
            if (archive.isEmpty()) {
                throw n.error("wal-archive", "is missing: give wal-archive or restore-command (or integrity"
                        + ".wal-archive)");
            }
        }
        List<DrillSection.Table> tables = new ArrayList<>();
        if (n.has("tables")) {
            for (Node t : n.children("tables")) {
                String name = t.string("name");
                if (!TableName.isValid(name)) {
                    throw t.error("name", "must be a table name as SQL spells it (table, schema.table, \"Quoted\" "
                            + "parts for exact case), got " + name);
                }
                List<String> key = t.strings("key");
                if (key.isEmpty()) {
                    throw t.error("key", "must name at least one column");
                }
                key.forEach(column -> identifier(t, "key", column));
                tables.add(new DrillSection.Table(new TableSpec(name, key, t.string("timestamp")),
                        t.bool("append-only", false)));
                t.rejectUnknown();
            }
        } else {
            for (TableSpec s : integrity.map(IntegritySection::tables).orElse(List.of())) {
                if (s.timestamp().isEmpty()) {
                    // The drill judges rows against the recovery point: without a time it cannot.
                    throw n.error("tables", "is needed: integrity.tables' " + s.name() + " has no timestamp, "
                            + "which the drill needs to compare up to the recovery point; list drill.tables");
                }
                tables.add(new DrillSection.Table(s, false));
            }
        }
        Duration maxRestore = positive(n, "max-restore-time", Duration.ofMinutes(30));
        Duration maxLoss = n.optDuration("max-data-loss")
                .orElse(integrity.map(IntegritySection::maxDataLoss).orElse(Duration.ofMinutes(5)));
        Duration slack = n.optDuration("timestamp-slack").orElse(Duration.ofSeconds(1));
        DrillSection.Amcheck amcheck = n.optChild("amcheck").map(DrillSectionReader::amcheck)
                .orElse(new DrillSection.Amcheck(true, List.of(), Duration.ofMinutes(30), true));
        Duration giveUp = positive(n, "give-up-after", Duration.ofHours(2));
        if (giveUp.compareTo(maxRestore) < 0) {
            throw n.error("give-up-after", "must be at least max-restore-time (" + maxRestore.toSeconds() + "s)");
        }
        DrillSection section = new DrillSection(backup, fetch, archive, restore,
                n.optPath("postgres-bin").or(() -> integrity.flatMap(IntegritySection::postgresBin)), tables, slack,
                maxRestore, maxLoss, amcheck, n.optPath("work-dir"), giveUp);
        n.rejectUnknown();
        return section;
    }

    private static DrillSection.Amcheck amcheck(Node n) {
        List<String> relations = n.optStrings("relations").orElse(List.of());
        for (String r : relations) {
            if (!RELATION.matcher(r).matches()) {
                throw n.error("relations", "entries must be table or schema.table names, got " + r);
            }
        }
        DrillSection.Amcheck a = new DrillSection.Amcheck(n.bool("enabled", true), relations,
                positive(n, "max-time", Duration.ofMinutes(30)), n.bool("heapallindexed", true));
        n.rejectUnknown();
        return a;
    }

    private static Duration positive(Node n, String key, Duration fallback) {
        Duration d = n.optDuration(key).orElse(fallback);
        if (d.isZero()) {
            throw n.error(key, "must be more than 0");
        }
        return d;
    }

    private static String identifier(Node n, String key, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw n.error(key, "must be a plain identifier, got " + value);
        }
        return value;
    }
}
