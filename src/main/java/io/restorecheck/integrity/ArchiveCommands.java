package io.restorecheck.integrity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises archive_commands that succeed without storing anything: the usual way archiving is "disabled" on
 * a restored server while archive_mode stays on ({@code true}, {@code /bin/true}, {@code exit 0}, {@code :}...).
 */
public final class ArchiveCommands {
    private static final Set<String> NO_OP_PROGRAMS = Set.of("true", "/bin/true", "/usr/bin/true", ":", "exit",
            "echo", "/bin/echo", "/usr/bin/echo", "sleep", "/bin/sleep", "/usr/bin/sleep");
    private static final Pattern SHELL_WRAPPER = Pattern.compile(
            "(?:/usr)?(?:/bin/)?(?:sh|bash|dash)\\s+-c\\s+(?:'([^']*)'|\"([^\"]*)\"|(\\S+))\\s*");

    private ArchiveCommands() {
    }

    /** Why {@code command} cannot be archiving WAL, or empty when it may be. */
    public static Optional<String> whyNoOp(String command) {
        String c = command == null ? "" : command.trim();
        Matcher wrapper = SHELL_WRAPPER.matcher(c);
        if (wrapper.matches()) {
            String inner = wrapper.group(1) != null ? wrapper.group(1)
                    : wrapper.group(2) != null ? wrapper.group(2) : wrapper.group(3);
            return whyNoOp(inner);
        }
        c = c.replaceAll("[;\\s]+$", "");
        if (c.isEmpty()) {
            return Optional.of("archive_command is empty");
        }
        String program = c.split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (NO_OP_PROGRAMS.contains(program) && !c.contains(">") && !c.contains("|") && !c.contains("&&")
                && !c.contains(";")) {
            return Optional.of("archive_command '" + command.trim() + "' succeeds without storing the segment");
        }
        if (!c.contains("%p") && !c.contains("%f")) {
            // The server passes the segment only through %p (path) and %f (file name).
            return Optional.of("archive_command '" + command.trim() + "' uses neither %p nor %f, so it cannot know"
                    + " which segment to store");
        }
        return Optional.empty();
    }
}
