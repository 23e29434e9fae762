package io.restorecheck.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What "nothing lost" is measured against: the WAL archive (only ever read), optionally the base backup for a
 * reference replay, the tables to compare, the old server's postgresql.conf, and the data loss tolerated.
 * {@code archivingProbe} opts in to switching WAL on the restored server to prove shipping end to end.
 * {@code maxDataLossStated} is false when the file leaves {@code max-data-loss} out: {@code maxDataLoss} then
 * holds {@link #FALLBACK_MAX_DATA_LOSS}, and a bound derived from the old server's archive_timeout (when
 * {@code expected-settings} is given) replaces it. {@code compareWorkers} is the number of sessions per server the
 * table comparison reads with; empty means each server's max_parallel_workers (bounded by the comparison).
 */
public record IntegritySection(Path walArchive, Optional<Path> baseBackup, Optional<Path> postgresBin,
                               List<TableSpec> tables, Optional<Path> expectedSettings, Duration maxDataLoss,
                               List<String> ignoreSettings, boolean archivingProbe, boolean maxDataLossStated,
                               OptionalInt compareWorkers) {
    /** Largest {@code compare-workers} accepted: sessions per server, each a backend on that server. */
    public static final int MAX_COMPARE_WORKERS = 64;
    /** max-data-loss when neither the file nor the old server's archive_timeout says more. */
    public static final Duration FALLBACK_MAX_DATA_LOSS = Duration.ofMinutes(5);

    /** As before {@code compare-workers} existed: the servers' own parallelism decides. */
    public IntegritySection(Path walArchive, Optional<Path> baseBackup, Optional<Path> postgresBin,
                            List<TableSpec> tables, Optional<Path> expectedSettings, Duration maxDataLoss,
                            List<String> ignoreSettings, boolean archivingProbe, boolean maxDataLossStated) {
        this(walArchive, baseBackup, postgresBin, tables, expectedSettings, maxDataLoss, ignoreSettings,
                archivingProbe, maxDataLossStated, OptionalInt.empty());
    }

    /** As before {@code maxDataLossStated} existed: the bound is taken as stated. */
    public IntegritySection(Path walArchive, Optional<Path> baseBackup, Optional<Path> postgresBin,
                            List<TableSpec> tables, Optional<Path> expectedSettings, Duration maxDataLoss,
                            List<String> ignoreSettings, boolean archivingProbe) {
        this(walArchive, baseBackup, postgresBin, tables, expectedSettings, maxDataLoss, ignoreSettings,
                archivingProbe, true);
    }

    /**
     * Settings that must differ on a new host (ports, paths, the archive and restore commands): ignored by the
     * settings drift check unless {@code ignore-settings} lists others.
     */
    public static final List<String> DEFAULT_IGNORED_SETTINGS = List.of("port", "data_directory", "config_file",
            "hba_file", "ident_file", "external_pid_file", "listen_addresses", "unix_socket_directories",
            "unix_socket_group", "archive_command", "archive_library", "restore_command", "archive_cleanup_command",
            "recovery_end_command", "recovery_target", "recovery_target_time", "recovery_target_xid",
            "recovery_target_name", "recovery_target_lsn", "recovery_target_inclusive", "recovery_target_timeline",
            "recovery_target_action", "primary_conninfo", "primary_slot_name", "promote_trigger_file",
            "log_directory", "log_filename", "cluster_name", "stats_temp_directory", "ssl_cert_file",
            "ssl_key_file", "ssl_ca_file", "ssl_crl_file", "ssl_crl_dir", "krb_server_keyfile");

    public IntegritySection {
        tables = List.copyOf(tables);
        ignoreSettings = List.copyOf(ignoreSettings);
    }
}
