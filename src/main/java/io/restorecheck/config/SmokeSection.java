package io.restorecheck.config;

import java.time.Duration;
import java.util.List;

/**
 * What {@code smoke} needs beyond the other sections: the systemd units that must be active and enabled at boot
 * (empty: {@code smoke.services} is skipped), whether the database is meant to be a standby (in recovery), how
 * long a completed WAL segment may wait for the archive, and the timeout of each probe.
 */
public record SmokeSection(List<String> services, boolean standby, Duration maxArchiveDelay,
                           Duration probeTimeout) {
    public static final SmokeSection DEFAULT = new SmokeSection(List.of(), false, Duration.ofMinutes(5),
            Duration.ofSeconds(5));

    public SmokeSection {
        services = List.copyOf(services);
    }
}
