package io.restorecheck.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Reads {@code smoke { services = [...], standby = false, max-archive-delay = 5m, probe-timeout = 5s }}. */
final class SmokeSectionReader {
    /** systemd unit names: letters, digits and ":-_.\@"; a name without a suffix means a .service. */
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9:_.@\\\\-]+");

    private SmokeSectionReader() {
    }

    static SmokeSection read(Node n) {
        SmokeSection d = SmokeSection.DEFAULT;
        List<String> services = n.optStrings("services").orElse(d.services());
        for (String unit : services) {
            if (!UNIT.matcher(unit).matches()) {
                throw n.error("services", "entries must be systemd unit names such as memcached or "
                        + "postgresql@15-main.service, got '" + unit + "'");
            }
        }
        Duration maxArchiveDelay = n.optDuration("max-archive-delay").orElse(d.maxArchiveDelay());
        if (maxArchiveDelay.compareTo(Duration.ofSeconds(1)) < 0) {
            throw n.error("max-archive-delay", "must be at least 1s, got " + maxArchiveDelay.toMillis() + "ms");
        }
        Duration probeTimeout = n.optDuration("probe-timeout").orElse(d.probeTimeout());
        if (probeTimeout.toMillis() < 100 || probeTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw n.error("probe-timeout", "must be between 100ms and 1m, got " + probeTimeout.toMillis() + "ms");
        }
        SmokeSection section = new SmokeSection(services, n.bool("standby", d.standby()), maxArchiveDelay,
                probeTimeout);
        n.rejectUnknown();
        return section;
    }
}
