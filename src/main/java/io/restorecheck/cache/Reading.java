package io.restorecheck.cache;

/** One server's answer to {@code stats}, or why there was none (the address and the cause). */
public record Reading(String server, ServerStats stats, String error) {
    public static Reading of(String server, ServerStats stats) {
        return new Reading(server, stats, null);
    }

    public static Reading unreachable(String server, String why) {
        return new Reading(server, null, why);
    }

    public boolean ok() {
        return stats != null;
    }
}
