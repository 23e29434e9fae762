package io.restorecheck.cache;

import io.restorecheck.config.CacheSection;
import io.restorecheck.report.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The cache checks from the {@code stats} readings that bracket the measured load: {@code cache.used} (every
 * server's get traffic grew), {@code cache.hit-ratio} (Δget_hits / (Δget_hits + Δget_misses) at or above the
 * floor) and {@code cache.evictions} (Δevictions within bound). A server that did not answer fails all three,
 * naming its address.
 */
public final class CacheVerdicts {
    public static final String USED = "cache.used";
    public static final String HIT_RATIO = "cache.hit-ratio";
    public static final String EVICTIONS = "cache.evictions";

    private final CacheSection config;
    private final Map<String, StatsDelta> deltas = new LinkedHashMap<>();
    private final List<String> unreachable = new ArrayList<>();
    private final long requests;
    private String cold = "";

    /**
     * @param before   the readings when the measured load started
     * @param after    the readings when it ended
     * @param requests how many requests the load made, for the evidence
     */
    public CacheVerdicts(CacheSection config, CacheSampler.Sample before, CacheSampler.Sample after, long requests) {
        this.config = config;
        this.requests = requests;
        Map<String, Reading> first = new LinkedHashMap<>();
        before.readings().forEach(r -> first.put(r.server(), r));
        for (Reading last : after.readings()) {
            Reading start = first.get(last.server());
            if (start == null || !start.ok() || !last.ok()) {
                Reading bad = start != null && !start.ok() ? start : last;
                unreachable.add(bad.ok() ? last.server() + " did not answer before the load"
                        : bad.error());
            } else {
                deltas.put(last.server(), StatsDelta.between(start.stats(), last.stats()));
            }
        }
    }

    /** States the warm-up pass's cache numbers next to the measured ones (they are not checked). */
    public CacheVerdicts withCold(StatsDelta warmUp) {
        cold = String.format(Locale.ROOT, "; cold pass (warm-up, not checked): %d gets, %d hits, %d misses%s",
                warmUp.gets(), warmUp.hits(), warmUp.misses(), warmUp.hitRatio().isPresent()
                        ? String.format(Locale.ROOT, ", hit ratio %.4f", warmUp.hitRatio().getAsDouble()) : "");
        return this;
    }

    public StatsDelta total() {
        return StatsDelta.sum(deltas.values());
    }

    public CheckResult used() {
        if (!unreachable.isEmpty()) {
            return CheckResult.failed(USED, null, "> 0", "gets", unreachableMessage("cannot tell whether the site"
                    + " uses the cache"));
        }
        List<String> idle = deltas.entrySet().stream().filter(e -> e.getValue().gets() == 0).map(Map.Entry::getKey)
                .toList();
        long gets = total().gets();
        if (!idle.isEmpty()) {
            return CheckResult.failed(USED, gets, "> 0", "gets", "memcached " + String.join(", ", idle)
                    + " saw no get during the load of " + requests + " requests (" + perServer()
                    + "): the site does not use this cache; check the memcached address in the site's own"
                    + " configuration");
        }
        return CheckResult.passed(USED, gets, "> 0", "gets", String.format(Locale.ROOT,
                "%d gets during the load of %d requests (%.2f per request): %s", gets, requests,
                requests == 0 ? 0.0 : gets / (double) requests, perServer()));
    }

    public CheckResult hitRatio() {
        double floor = config.minHitRatio();
        if (!unreachable.isEmpty()) {
            return CheckResult.failed(HIT_RATIO, null, floor, "ratio", unreachableMessage("no hit ratio"));
        }
        OptionalDouble ratio = total().hitRatio();
        if (ratio.isEmpty()) {
            return CheckResult.failed(HIT_RATIO, null, floor, "ratio", "no gets reached memcached "
                    + String.join(", ", deltas.keySet()) + " during the load, so nothing was served from the"
                    + " cache (hit ratio undefined, floor " + floor + ")");
        }
        double r = Math.round(ratio.getAsDouble() * 10_000) / 10_000.0;
        StatsDelta t = total();
        String evidence = String.format(Locale.ROOT, "hit ratio %.4f = %d hits / (%d hits + %d misses) during the"
                + " load; floor %.2f; %s%s", r, t.hits(), t.hits(), t.misses(), floor, perServer(), cold);
        return CheckResult.of(r >= floor, HIT_RATIO, r, floor, "ratio", r >= floor ? evidence
                : evidence + ": too many pages are rendered uncached (cache too small, keys expiring, or cold)");
    }

    public CheckResult evictions() {
        long max = config.maxEvictions();
        if (!unreachable.isEmpty()) {
            return CheckResult.failed(EVICTIONS, null, max, "evictions", unreachableMessage("evictions unknown"));
        }
        long evicted = total().evictions();
        String evidence = evicted + " items evicted during the load (bound " + max + "); " + perServer();
        return CheckResult.of(evicted <= max, EVICTIONS, evicted, max, "evictions", evicted <= max ? evidence
                : evidence + ": memcached is too small for the working set (raise -m / limit_maxbytes)");
    }

    private String unreachableMessage(String consequence) {
        return String.join("; ", unreachable) + ": " + consequence;
    }

    private String perServer() {
        StringBuilder sb = new StringBuilder();
        deltas.forEach((server, d) -> sb.append(sb.length() == 0 ? "" : "; ").append(server).append(": ")
                .append(d.hits()).append(" hits, ").append(d.misses()).append(" misses, ").append(d.evictions())
                .append(" evictions"));
        return sb.toString();
    }
}
