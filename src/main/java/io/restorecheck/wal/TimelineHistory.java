package io.restorecheck.wal;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code TTTTTTTT.history} file: one line per ancestor, {@code parentTLI<TAB>switchpoint<TAB>reason}, oldest
 * first. A child's file repeats its parent's lines and adds one, so it names every ancestor.
 *
 * @param timeline the timeline the file belongs to
 * @param switches ancestors, oldest first: each timeline was left for the next at its switchpoint
 */
public record TimelineHistory(int timeline, List<Switch> switches) {
    public TimelineHistory {
        switches = List.copyOf(switches);
    }

    /** Timeline {@code parent} was left at {@code switchpoint} (the first LSN of the next timeline). */
    public record Switch(int parent, long switchpoint, String reason) {
    }

    /** Parses the file text; blank lines and {@code #} comments are ignored, malformed lines are errors. */
    public static TimelineHistory parse(int timeline, String text) {
        List<Switch> switches = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+", 3);
            if (parts.length < 2) {
                throw new IllegalArgumentException("line " + lineNo + ": expected 'parentTLI<TAB>LSN<TAB>reason', got '"
                        + t + "'");
            }
            int parent;
            try {
                parent = Integer.parseUnsignedInt(parts[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + lineNo + ": bad parent timeline '" + parts[0] + "'", e);
            }
            long lsn;
            try {
                lsn = Lsn.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
            }
            switches.add(new Switch(parent, lsn, parts.length > 2 ? parts[2].strip() : ""));
        }
        return new TimelineHistory(timeline, switches);
    }

    /** The direct parent (the last line's timeline), or 0 for a file without lines. */
    public int parent() {
        return switches.isEmpty() ? 0 : switches.get(switches.size() - 1).parent();
    }

    /** Where this timeline begins: the last line's switchpoint (0 without lines). */
    public long begin() {
        return switches.isEmpty() ? 0 : switches.get(switches.size() - 1).switchpoint();
    }

    /** What is wrong inside this file alone: parents not older than the child, switchpoints going backwards. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        int lastParent = 0;
        long lastLsn = 0;
        for (Switch s : switches) {
            if (s.parent() >= timeline) {
                problems.add("parent timeline " + s.parent() + " is not older than " + timeline);
            }
            if (s.parent() <= lastParent) {
                problems.add("parent timelines not increasing (" + lastParent + " then " + s.parent() + ")");
            }
            if (s.switchpoint() < lastLsn) {
                problems.add("switchpoint " + Lsn.format(s.switchpoint()) + " of timeline " + s.parent()
                        + " is before the previous one " + Lsn.format(lastLsn));
            }
            lastParent = s.parent();
            lastLsn = s.switchpoint();
        }
        return problems;
    }
}
