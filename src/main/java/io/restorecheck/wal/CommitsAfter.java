package io.restorecheck.wal;

import java.util.List;
import java.util.Optional;

/**
 * The commits an archive holds at or after an LSN along one lineage: what a restore that ended there lost.
 *
 * @param fromLsn the LSN counted from
 * @param commits commits found
 * @param aborts  aborts found
 * @param first   the first of them
 * @param last    the last of them
 * @param damaged damage met on the way
 * @param gaps    missing segments met on the way (the reader resumed after each)
 */
public record CommitsAfter(long fromLsn, long commits, long aborts, Optional<XactRecord> first,
                           Optional<XactRecord> last, List<Damage> damaged, List<Gap> gaps) {
    public CommitsAfter {
        damaged = List.copyOf(damaged);
        gaps = List.copyOf(gaps);
    }
}
