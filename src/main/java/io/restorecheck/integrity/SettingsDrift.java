package io.restorecheck.integrity;

import io.restorecheck.report.CheckResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code integrity.settings.drift}: every setting the old postgresql.conf states (after includes, last one
 * wins) must be in effect on the restored server, units normalised; settings that must differ on a new host are
 * ignored.
 */
public final class SettingsDrift {
    public static final String CHECK = "integrity.settings.drift";

    /** One setting that differs: what the file says (and where) and what the restored server runs with. */
    public record Difference(String name, String expected, String where, String restored) {
        @Override
        public String toString() {
            return name + ": expected " + expected + " (" + where + "), restored " + restored;
        }
    }

    private SettingsDrift() {
    }

    public static CheckResult check(Path expectedConf, Connection restored, List<String> ignored) throws SQLException {
        Map<String, PostgresConf.Entry> expected = PostgresConf.read(expectedConf);
        Map<String, SettingValues.Actual> actual = serverSettings(restored);
        Set<String> ignore = new TreeSet<>();
        ignored.forEach(n -> ignore.add(n.toLowerCase(Locale.ROOT)));
        List<Difference> differences = compare(expected, actual, ignore);
        int compared = (int) expected.keySet().stream().filter(n -> !ignore.contains(n)).count();
        if (compared == 0) {
            return CheckResult.skipped(CHECK, expectedConf + " states no setting outside integrity.ignore-settings ("
                    + expected.size() + " stated, " + ignore.size() + " ignored): nothing to compare");
        }
        if (differences.isEmpty()) {
            return CheckResult.passed(CHECK, 0, 0, "differences", compared + " settings of " + expectedConf
                    + " are in effect on the restored server (" + ignore.size() + " host-specific settings ignored)");
        }
        List<String> lines = differences.stream().map(Difference::toString).toList();
        return CheckResult.failed(CHECK, differences.size(), 0, "differences", differences.size() + " of "
                + compared + " settings of " + expectedConf + " differ on the restored server: "
                + String.join("; ", lines) + ". Put them into the restored server's postgresql.conf and restart,"
                + " or list them in integrity.ignore-settings if the difference is intended");
    }

    /**
     * The server's own values, not this session's: reset_val ignores our SETs; settings the driver sends at
     * connect (DateStyle, TimeZone, extra_float_digits...) come from pg_file_settings when readable, else boot_val.
     */
    static Map<String, SettingValues.Actual> serverSettings(Connection c) throws SQLException {
        Map<String, SettingValues.Actual> actual = new HashMap<>();
        Map<String, String> boot = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, reset_val, unit, vartype, boot_val FROM pg_settings")) {
            while (rs.next()) {
                String name = rs.getString(1).toLowerCase(Locale.ROOT);
                actual.put(name, new SettingValues.Actual(rs.getString(2), rs.getString(3), rs.getString(4)));
                boot.put(name, rs.getString(5));
            }
        }
        Map<String, String> files = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, setting FROM "
                + "pg_file_settings WHERE applied AND error IS NULL ORDER BY seqno")) {
            while (rs.next()) {
                files.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        } catch (SQLException e) {
            // pg_file_settings needs superuser or pg_read_all_settings; then client-set values stay as sent.
            return actual;
        }
        for (String name : CLIENT_SET) {
            SettingValues.Actual a = actual.get(name);
            if (a != null) {
                String value = files.containsKey(name) ? files.get(name) : boot.get(name);
                actual.put(name, new SettingValues.Actual(value, a.unit(), a.vartype()));
            }
        }
        return actual;
    }

    /** Settings a client session sets at connect (pgjdbc's startup packet, ReadOnlySessions' SETs). */
    private static final List<String> CLIENT_SET = List.of("datestyle", "timezone", "extra_float_digits",
            "client_encoding", "intervalstyle", "bytea_output", "application_name");

    static List<Difference> compare(Map<String, PostgresConf.Entry> expected, Map<String, SettingValues.Actual> actual,
                                    Set<String> ignore) {
        List<Difference> out = new ArrayList<>();
        for (PostgresConf.Entry e : expected.values()) {
            if (ignore.contains(e.name())) {
                continue;
            }
            SettingValues.Actual a = actual.get(e.name());
            if (a == null) {
                out.add(new Difference(e.name(), e.value(), e.where(), "not a setting of the restored server"));
            } else if (!SettingValues.matches(e.value(), a)) {
                out.add(new Difference(e.name(), e.value(), e.where(), a.display()));
            }
        }
        return out;
    }
}
