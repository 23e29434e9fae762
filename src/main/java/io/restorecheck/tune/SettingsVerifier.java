package io.restorecheck.tune;

import java.sql.Connection;
import io.restorecheck.db.ReadOnlyConnections;
import io.restorecheck.integrity.SettingValues;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a variant's settings really took effect, before anything is measured: PostgreSQL over SQL in a
 * read-only session ({@code pg_settings}, compared the way the server reads a value: {@link SettingValues}, the same
 * rules as the restored server's settings check), memcached through {@code stats settings}.
 */
final class SettingsVerifier {
    /** memcached's {@code stats settings} field for each matrix key, and the factor from matrix unit to it. */
    private static final Map<String, Object[]> MEMCACHED_FIELDS = new LinkedHashMap<>();

    static {
        MEMCACHED_FIELDS.put(Variant.MEMORY_MB, new Object[] {"maxbytes", 1024L * 1024});
        MEMCACHED_FIELDS.put(Variant.THREADS, new Object[] {"num_threads", 1L});
        MEMCACHED_FIELDS.put(Variant.MAX_CONNECTIONS, new Object[] {"maxconns", 1L});
        MEMCACHED_FIELDS.put(Variant.ITEM_SIZE_MAX_KB, new Object[] {"item_size_max", 1024L});
    }

    private SettingsVerifier() {
    }

    /** Each mismatch as "postgres.shared_buffers: asked 128MB, the server shows 16MB"; empty when all took. */
    static List<String> postgres(String jdbcUrl, String user, String password, Map<String, String> asked) {
        List<String> wrong = new ArrayList<>();
        if (asked.isEmpty()) {
            return wrong;
        }
        try (Connection c = ReadOnlyConnections.open(jdbcUrl, user, password, "tune")) {
            try (PreparedStatement shown = c.prepareStatement("SELECT current_setting(?, true)");
                 PreparedStatement raw = c.prepareStatement(
                         "SELECT setting, unit, vartype FROM pg_settings WHERE name = ?")) {
                for (Map.Entry<String, String> e : asked.entrySet()) {
                    shown.setString(1, e.getKey());
                    String value;
                    try (ResultSet rs = shown.executeQuery()) {
                        value = rs.next() ? rs.getString(1) : null;
                    }
                    // A custom setting (e.g. app.mode) has no pg_settings row: compared as the string it shows.
                    SettingValues.Actual actual = new SettingValues.Actual(value, null, "string");
                    raw.setString(1, e.getKey());
                    try (ResultSet rs = raw.executeQuery()) {
                        if (rs.next()) {
                            actual = new SettingValues.Actual(rs.getString(1), rs.getString(2), rs.getString(3));
                        }
                    }
                    if (value == null) {
                        wrong.add("postgres." + e.getKey() + ": asked " + e.getValue()
                                + ", the server has no such setting");
                    } else if (!SettingValues.matches(e.getValue(), actual)) {
                        wrong.add("postgres." + e.getKey() + ": asked " + e.getValue() + ", the server shows "
                                + value);
                    }
                }
            }
        } catch (SQLException e) {
            throw new VariantFailed("cannot read the settings from " + jdbcUrl + " to verify " + asked + ": "
                    + e.getMessage(), e);
        }
        return wrong;
    }

    /**
     * Each mismatch as "memcached.memory-mb on 127.0.0.1:11211: asked 64 (maxbytes 67108864), stats settings show
     * 1048576"; empty when all took.
     */
    static List<String> memcached(List<String> servers, Map<String, Integer> asked) {
        List<String> wrong = new ArrayList<>();
        if (asked.isEmpty()) {
            return wrong;
        }
        for (String server : servers) {
            Map<String, String> settings;
            try {
                try (io.restorecheck.cache.XMemcachedStats stats = new io.restorecheck.cache.XMemcachedStats(
                        List.of(server))) {
                    settings = stats.settings().get(server);
                }
                if (settings == null) {
                    throw new IllegalStateException("memcached " + server + " did not answer stats settings");
                }
            } catch (IllegalStateException e) {
                throw new VariantFailed("cannot read 'stats settings' of memcached " + server + " to verify "
                        + asked + ": " + e.getMessage(), e);
            }
            asked.forEach((key, value) -> {
                String field = (String) MEMCACHED_FIELDS.get(key)[0];
                long expected = value * (Long) MEMCACHED_FIELDS.get(key)[1];
                String shown = settings.get(field);
                if (shown == null || !shown.trim().equals(Long.toString(expected))) {
                    wrong.add("memcached." + key + " on " + server + ": asked " + value + " (" + field + " "
                            + expected + "), stats settings show " + (shown == null ? "no " + field : shown));
                }
            });
        }
        return wrong;
    }
}
