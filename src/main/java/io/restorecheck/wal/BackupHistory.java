package io.restorecheck.wal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backup history file {@code <segment>.<offset>.backup}: where a base backup's WAL starts and stops.
 *
 * @param file          the file name
 * @param startLsn      START WAL LOCATION: replay from the base backup begins here
 * @param stopLsn       STOP WAL LOCATION: the backup is consistent once replay passed this
 * @param startTimeline START TIMELINE (the stop timeline when the file has none)
 * @param stopTimeline  STOP TIMELINE (the file name's timeline when the file has none)
 * @param label         LABEL, or empty
 * @param startTime     START TIME as written (server's log_timezone), or empty
 * @param stopTime      STOP TIME as written, or empty
 */
public record BackupHistory(String file, long startLsn, long stopLsn, int startTimeline, int stopTimeline,
                            String label, String startTime, String stopTime) {

    /** Parses the {@code KEY: value} lines; START and STOP WAL LOCATION are required. */
    public static BackupHistory parse(String fileName, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        long start = lsnOf(values, "START WAL LOCATION");
        long stop = lsnOf(values, "STOP WAL LOCATION");
        int nameTimeline = (int) Long.parseLong(fileName.substring(0, 8), 16);
        int stopTimeline = intOf(values, "STOP TIMELINE", nameTimeline);
        int startTimeline = intOf(values, "START TIMELINE", stopTimeline);
        return new BackupHistory(fileName, start, stop, startTimeline, stopTimeline, values.getOrDefault("LABEL", ""),
                values.getOrDefault("START TIME", ""), values.getOrDefault("STOP TIME", ""));
    }

    private static long lsnOf(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + ":' line");
        }
        // "0/2000028 (file 000000010000000000000002)"
        String lsn = v.split("\\s+")[0];
        try {
            return Lsn.parse(lsn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static int intOf(Map<String, String> values, String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number '" + v + "'", e);
        }
    }
}
