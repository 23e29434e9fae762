package io.restorecheck.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the capacity search found: every probe in the order it ran, the highest rate that held (the knee), the
 * lowest that broke, and what ended the search. When the max rate or the budget ended it before a probe broke,
 * the knee is a lower bound ("at least N req/s").
 */
public record CapacityResult(List<CapacityProbe> probes, Optional<CapacityProbe> highestHeld,
                             Optional<CapacityProbe> lowestBroke, End end, CapacitySearch.Settings settings,
                             long wallMs) {
    /** What ended the search. */
    public enum End {
        /** held and broke rates are within the resolution */
        RESOLVED,
        /** every probe held, up to load.max-rate */
        MAX_RATE,
        /** the next probe would have overrun load.capacity-budget */
        BUDGET,
        /** even the lowest rate tried broke */
        NOTHING_HELD
    }

    public CapacityResult {
        probes = List.copyOf(probes);
    }

    /** The knee in req/s: the highest offered rate that held, 0 when none did. */
    public double kneePerSec() {
        return highestHeld.map(CapacityProbe::offeredPerSec).orElse(0.0);
    }

    /** True when no probe broke above the knee, so the site may well sustain more. */
    public boolean lowerBound() {
        return highestHeld.isPresent() && lowestBroke.isEmpty();
    }

    /** The knee as a sentence: "412 req/s", "at least 800 req/s (...)" or "below 25 req/s". */
    public String kneeText() {
        String knee = RampPlan.rate(kneePerSec()) + " req/s";
        return switch (end) {
            case NOTHING_HELD -> "none: even " + lowestBroke.map(p -> RampPlan.rate(p.offeredPerSec())).orElse("?")
                    + "/s broke";
            case MAX_RATE -> "at least " + knee + " (every probe held up to load.max-rate "
                    + RampPlan.rate(settings.maxPerSec()) + "/s)";
            case BUDGET -> probes.isEmpty() ? "none measured: load.capacity-budget " + settings.budget().toSeconds()
                    + " s is shorter than one probe"
                    : lowerBound() ? "at least " + knee + " (load.capacity-budget " + settings.budget()
                    .toSeconds() + " s ended the search before a probe broke)"
                    : highestHeld.isEmpty() ? "none found: load.capacity-budget " + settings.budget().toSeconds()
                    + " s ended the search before any probe held"
                    : knee + " (load.capacity-budget ended the search before the resolution was reached)";
            case RESOLVED -> knee;
        };
    }

    /** Which rate broke and why, or that none did. */
    public String brokeText() {
        return lowestBroke.map(p -> RampPlan.rate(p.offeredPerSec()) + "/s broke: " + p.brokeBecause().orElse("?"))
                .orElse("no probe broke");
    }

    /** Every probe, in rate order: the curve. */
    public String curveText() {
        return sortedByRate().stream().map(CapacityProbe::describe).collect(Collectors.joining("; "));
    }

    public List<CapacityProbe> sortedByRate() {
        return probes.stream().sorted(java.util.Comparator.comparingDouble(CapacityProbe::offeredPerSec)).toList();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("knee_per_sec", kneePerSec());
        m.put("lower_bound", lowerBound());
        m.put("knee", kneeText());
        m.put("end", end.name().toLowerCase(Locale.ROOT));
        lowestBroke.ifPresent(p -> m.put("broke_at_per_sec", p.offeredPerSec()));
        m.put("wall_ms", wallMs);
        m.put("start_per_sec", settings.startPerSec());
        m.put("max_per_sec", settings.maxPerSec());
        m.put("resolution", settings.resolution());
        m.put("budget_s", settings.budget().toSeconds());
        m.put("probes", probes.stream().map(CapacityProbe::toJson).toList());
        return m;
    }
}
