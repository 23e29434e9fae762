package io.restorecheck.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the drill server's own log says about its recovery, read after promotion: when redo started, when the
 * copy became consistent, when redo ended and where, the last commit it replayed, when it accepted writes. The
 * server is started with {@code log_line_prefix='%m [%p] '}, {@code log_timezone=UTC} and {@code lc_messages=C}
 * so these lines have one shape on every major (13-18). Lines without the prefix (the restore command's own
 * output) are skipped.
 */
record RecoveryLog(Optional<Event> redoStarts, Optional<Event> consistent, Optional<Event> redoDone,
                   Optional<Instant> lastCommit, Optional<Instant> ready, Optional<Integer> newTimeline) {
    /** A log line's time and the WAL position it names. */
    record Event(Instant at, String lsn) {
    }

    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) UTC \\[\\d+\\] (\\w+):\\s+(.*)$");
    private static final DateTimeFormatter PREFIX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern LSN = Pattern.compile("([0-9A-F]+/[0-9A-F]+)");
    private static final Pattern LAST_COMMIT = Pattern.compile("last completed transaction was at log time (.+)$");
    private static final Pattern TIMELINE = Pattern.compile("selected new timeline ID: (\\d+)");

    static RecoveryLog read(Path logFile) {
        try {
            return parse(Files.readAllLines(logFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return parse(List.of());
        }
    }

    static RecoveryLog parse(List<String> lines) {
        Event redoStarts = null;
        Event consistent = null;
        Event redoDone = null;
        Instant lastCommit = null;
        Instant ready = null;
        Integer timeline = null;
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Instant at = LocalDateTime.parse(m.group(1), PREFIX_TIME).toInstant(ZoneOffset.UTC);
            String text = m.group(3);
            if (text.startsWith("redo starts at")) {
                redoStarts = new Event(at, lsn(text));
            } else if (text.startsWith("consistent recovery state reached at")) {
                consistent = new Event(at, lsn(text));
            } else if (text.startsWith("redo done at")) {
                redoDone = new Event(at, lsn(text));
            } else if (text.startsWith("database system is ready to accept connections")) {
                ready = at;
            }
            Matcher c = LAST_COMMIT.matcher(text);
            if (c.find()) {
                lastCommit = commitTime(c.group(1)).orElse(lastCommit);
            }
            Matcher t = TIMELINE.matcher(text);
            if (t.find()) {
                timeline = Integer.parseInt(t.group(1));
            }
        }
        return new RecoveryLog(Optional.ofNullable(redoStarts), Optional.ofNullable(consistent),
                Optional.ofNullable(redoDone), Optional.ofNullable(lastCommit), Optional.ofNullable(ready),
                Optional.ofNullable(timeline));
    }

    private static String lsn(String text) {
        Matcher m = LSN.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** {@code 2026-12-05 16:55:01.123456+00} as PostgreSQL prints a timestamptz with TimeZone UTC. */
    static Optional<Instant> commitTime(String text) {
        String t = text.trim().replace(' ', 'T');
        if (t.matches(".*[+-]\\d{2}$")) {
            t = t + ":00";
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
