package io.restorecheck.tune;

import io.restorecheck.report.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a matrix: every measurement in the interleaved schedule, one progress line each; a variant whose
 * settings do not take effect is dropped with its reason (the others go on); then the ranking.
 */
public final class TuneRun {
    private TuneRun() {
    }

    /** The outcome: the schedule as run, and the ranking. */
    public record Outcome(List<Schedule.Slot> schedule, List<VariantResult> results, Ranking ranking) {
    }

    public static Outcome run(Matrix matrix, Measurement measurement, Progress progress) {
        List<Variant> variants = matrix.variants();
        List<Schedule.Slot> schedule = Schedule.interleaved(variants.size(), matrix.repeats(), matrix.shuffleSeed());
        progress.note(String.format(Locale.ROOT, "%d variants x %d repeats, %d s each after %s, interleaved%s,"
                + " against %s", variants.size(), matrix.repeats(), matrix.duration().toSeconds(),
                describeWarmUp(matrix), matrix.shuffleSeed().isPresent() ? " and shuffled (seed "
                        + matrix.shuffleSeed().getAsLong() + ")" : "", measurement.describe()));
        Map<Integer, List<Sample>> samples = new LinkedHashMap<>();
        Map<Integer, String> failures = new LinkedHashMap<>();
        for (Schedule.Slot slot : schedule) {
            Variant v = variants.get(slot.variant());
            String label = String.format(Locale.ROOT, "variant %d/%d repeat %d/%d: %s", slot.variant() + 1,
                    variants.size(), slot.repeat() + 1, matrix.repeats(), v.name());
            if (failures.containsKey(slot.variant())) {
                progress.note(label + " ... skipped (its settings did not take effect before)");
                continue;
            }
            try {
                Sample s = progress.step(label, () -> measurement.measure(v, slot.repeat()), TuneRun::describe);
                samples.computeIfAbsent(slot.variant(), k -> new ArrayList<>()).add(s);
            } catch (VariantFailed e) {
                failures.put(slot.variant(), e.getMessage());
                progress.note(label + " ... FAILED: " + e.getMessage());
            }
        }
        List<VariantResult> results = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            results.add(new VariantResult(variants.get(i), samples.getOrDefault(i, List.of()),
                    Optional.ofNullable(failures.get(i))));
        }
        return new Outcome(schedule, results, Ranking.of(results));
    }

    static String describeWarmUp(Matrix matrix) {
        return matrix.warmUp().isZero() ? "no warm-up"
                : "a warm-up (every page once, at most " + matrix.warmUp().toSeconds() + " s)";
    }

    static String describe(Sample s) {
        return String.format(Locale.ROOT, "... %.0f req/s, p95 %.1f ms, hit %s, %d evictions%s",
                s.capacityPerSec(), s.p95Ms(), Double.isNaN(s.hitRatio()) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", s.hitRatio()), s.evictions(),
                s.errors() == 0 ? "" : ", " + s.errors() + " errors");
    }
}
