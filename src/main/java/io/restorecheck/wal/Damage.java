package io.restorecheck.wal;

/**
 * A damaged place in the archive: a segment (or file) and the byte offset in it where reading failed.
 *
 * @param timeline the timeline whose files were being read
 * @param segment  the segment file name (or the unreadable file's name)
 * @param segno    the segment number, or -1 when the file is not a segment
 * @param offset   byte offset inside the file
 * @param reason   what was wrong, with the LSN when one applies
 */
public record Damage(int timeline, String segment, long segno, long offset, String reason) {
    public String describe() {
        return segment + " offset 0x" + Long.toHexString(offset).toUpperCase() + ": " + reason;
    }
}
