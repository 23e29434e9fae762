package io.restorecheck.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The measured variants ordered by median capacity (best first), the ones that could not be measured, and a
 * plain recommendation: the best variant, and whether its lead over the runner-up is more than noise (their
 * intervals do not overlap) or within it.
 */
public record Ranking(List<VariantResult> ranked, List<VariantResult> failed, String recommendation) {
    public Ranking {
        ranked = List.copyOf(ranked);
        failed = List.copyOf(failed);
    }

    public static Ranking of(List<VariantResult> results) {
        List<VariantResult> ranked = new ArrayList<>();
        List<VariantResult> failed = new ArrayList<>();
        for (VariantResult r : results) {
            (r.measured() ? ranked : failed).add(r);
        }
        ranked.sort(Comparator.comparingDouble((VariantResult r) -> -r.capacity().median())
                .thenComparing(r -> r.variant().name()));
        return new Ranking(ranked, failed, recommend(ranked));
    }

    /**
     * Whether the measurements name a winner: the best variant's interval does not overlap the runner-up's. False
     * when the variants cannot be told apart (or fewer than two were measured).
     */
    public boolean winner() {
        return ranked.size() >= 2 && !ranked.get(0).capacity().overlaps(ranked.get(1).capacity());
    }

    /** 1 for the best; 0 for a variant that was not measured. */
    public int rankOf(VariantResult result) {
        return ranked.indexOf(result) + 1;
    }

    static String recommend(List<VariantResult> ranked) {
        if (ranked.isEmpty()) {
            return "no variant could be measured, so there is nothing to recommend";
        }
        VariantResult best = ranked.get(0);
        if (ranked.size() == 1) {
            return "only '" + best.variant().name() + "' was measured: " + describe(best) + "; nothing to compare";
        }
        VariantResult second = ranked.get(1);
        Interval a = best.capacity();
        Interval b = second.capacity();
        String caveat = a.coverage() < Stats.CONFIDENCE - 1e-9
                ? String.format(Locale.ROOT, " (with %d repeats the interval is min..max, %.0f%% confidence; more"
                + " repeats give 95%%)", best.samples().size(), a.coverage() * 100) : "";
        if (a.overlaps(b)) {
            return "'" + best.variant().name() + "' (" + describe(best) + ") and '" + second.variant().name()
                    + "' (" + describe(second) + ") are within noise: their capacity intervals overlap, so the "
                    + "measurements do not separate them; choose on other grounds or measure with more repeats"
                    + caveat;
        }
        double gain = b.median() > 0 ? (a.median() / b.median() - 1) * 100 : Double.POSITIVE_INFINITY;
        return String.format(Locale.ROOT, "use '%s': %s; it beats the runner-up '%s' (%s) by %.0f%% in median"
                + " capacity, beyond noise (the intervals do not overlap)%s", best.variant().name(), describe(best),
                second.variant().name(), describe(second), gain, caveat);
    }

    static String describe(VariantResult r) {
        Interval t = r.capacity();
        String hit = Double.isNaN(r.hitRatio()) ? "" : String.format(Locale.ROOT, ", hit ratio %.2f", r.hitRatio());
        return String.format(Locale.ROOT, "median %.0f req/s [%.0f..%.0f], p95 %.1f ms%s, %d evictions",
                t.median(), t.low(), t.high(), r.p95Ms(), hit, r.evictions());
    }
}
