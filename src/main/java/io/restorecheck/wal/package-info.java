/**
 * The WAL archive read straight from its files, with no server: the scan (segments, timeline history, backup
 * history, partial and unreadable files), the continuity of each timeline's lineage, and a streaming reader of
 * the segments (page headers, record CRC-32C, commit and abort records) for PostgreSQL 13 to 18. Stands alone:
 * it imports nothing else of restorecheck. {@link io.restorecheck.wal.ArchiveInspector} is the entry point.
 */
package io.restorecheck.wal;
