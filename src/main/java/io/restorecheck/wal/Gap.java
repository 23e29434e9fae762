package io.restorecheck.wal;

/**
 * Consecutive segments missing from the archive on one timeline's lineage.
 *
 * @param from      first missing segment's file name
 * @param to        last missing segment's file name
 * @param fromSegno first missing segment number
 * @param toSegno   last missing segment number
 */
public record Gap(String from, String to, long fromSegno, long toSegno) {
    public long segments() {
        return toSegno - fromSegno + 1;
    }

    public String describe() {
        return from.equals(to) ? from : from + " .. " + to + " (" + segments() + " segments)";
    }
}
