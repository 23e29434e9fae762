package io.restorecheck.integrity;

import io.restorecheck.config.IntegritySection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The data loss {@code integrity.recency} tolerates, and where that number came from. A stated
 * {@code max-data-loss} wins. Otherwise the old server's promise: with {@code archive_timeout = T} it switched to
 * a new segment at most T after a commit, so every commit older than T plus the time to ship one segment should
 * be in the archive; {@link #MARGIN} is that shipping time. Without an archive_timeout a quiet server may hold
 * commits back until a segment fills, so only the fallback remains.
 */
record DataLossBound(Duration bound, String source) {
    /** Time to close, copy and fsync one segment on a slow host, added to archive_timeout. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    static DataLossBound of(IntegritySection cfg) {
        if (cfg.maxDataLossStated()) {
            return new DataLossBound(cfg.maxDataLoss(), "integrity.max-data-loss");
        }
        if (cfg.expectedSettings().isEmpty()) {
            return new DataLossBound(cfg.maxDataLoss(), "default " + seconds(cfg.maxDataLoss()) + " (no "
                    + "integrity.max-data-loss, and no integrity.expected-settings to read the old server's "
                    + "archive_timeout from)");
        }
        Path conf = cfg.expectedSettings().get();
        Map<String, PostgresConf.Entry> old = PostgresConf.read(conf);
        PostgresConf.Entry entry = old.get("archive_timeout");
        Optional<Double> timeoutSeconds = entry == null ? Optional.of(0.0)
                : SettingValues.inUnit(entry.value().trim(), "s");
        if (timeoutSeconds.isEmpty() || timeoutSeconds.get() <= 0) {
            return new DataLossBound(cfg.maxDataLoss(), "default " + seconds(cfg.maxDataLoss()) + ": the old server"
                    + " (" + (entry == null ? conf + ", archive_timeout not set" : entry.where() + ", archive_timeout = "
                    + entry.value()) + ") promised no bound, so set integrity.max-data-loss to what you can accept");
        }
        Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds.get() * 1000));
        return new DataLossBound(timeout.plus(MARGIN), "the old server's archive_timeout " + seconds(timeout) + " ("
                + entry.where() + ") + " + seconds(MARGIN) + " margin to ship a segment");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.0f s", d.toMillis() / 1000.0);
    }
}
