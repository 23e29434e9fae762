package io.restorecheck.load;

import io.restorecheck.stats.Percentiles;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Watches CapacityRamp while it runs, so the ramp stops at the first step that broke the p95 or error ceiling
 * instead of pushing a struggling site harder. Only steers the run: the reported numbers come from Gatling's
 * own results afterwards.
 */
public final class RampGuard {
    private final long maxP95Ms;
    private final double maxErrorRatio;
    private final ConcurrentMap<Integer, StepTally> steps = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Optional<String>> finalVerdicts = new ConcurrentHashMap<>();

    public RampGuard(long maxP95Ms, double maxErrorRatio) {
        this.maxP95Ms = maxP95Ms;
        this.maxErrorRatio = maxErrorRatio;
    }

    public void record(int step, long responseTimeMs, boolean ok) {
        steps.computeIfAbsent(step, s -> new StepTally()).add(responseTimeMs, ok);
    }

    /** Why the step broke a ceiling, or empty when it held (or has no responses yet). */
    public Optional<String> broken(int step) {
        StepTally t = steps.get(step);
        return t == null ? Optional.empty() : t.verdict(step, maxP95Ms, maxErrorRatio);
    }

    /**
     * Why any step before this one broke a ceiling. Steps run one after the other (each starts when the previous
     * one's users are done), so an earlier step's verdict is final and computed once.
     */
    public Optional<String> brokenBefore(int step) {
        for (int s = 1; s < step; s++) {
            Optional<String> why = finalVerdicts.computeIfAbsent(s, this::broken);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static final class StepTally {
        private long[] times = new long[256];
        private int count;
        private int errors;

        synchronized void add(long ms, boolean ok) {
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = ms;
            if (!ok) {
                errors++;
            }
        }

        synchronized Optional<String> verdict(int step, long maxP95Ms, double maxErrorRatio) {
            if (count == 0) {
                return Optional.empty();
            }
            long p95 = Percentiles.percentile(Arrays.copyOf(times, count), 95);
            double errorRatio = errors / (double) count;
            if (p95 > maxP95Ms) {
                return Optional.of("step " + step + " broke the p95 ceiling: " + p95 + " ms > " + maxP95Ms + " ms");
            }
            if (errorRatio > maxErrorRatio) {
                return Optional.of(String.format(Locale.ROOT, "step %d broke the error ceiling: %.4f > %.4f", step,
                        errorRatio, maxErrorRatio));
            }
            return Optional.empty();
        }
    }
}
