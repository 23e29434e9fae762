package io.restorecheck.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Finds the site's capacity knee, the highest arrival rate it sustains within its p95 and error ceilings, with
 * short fixed-rate probes: doubling from the start rate until a probe breaks (halving instead when the start rate
 * already breaks), then bisecting between the highest rate that held and the lowest that broke until they are
 * within the resolution. Never offers more than the max rate nor more than the first rate that broke, and never
 * starts a probe the time budget cannot pay for, so a dying site is not pushed further. The budget is a bound on the
 * whole search: a probe starts only when the longest it can take (its prober's own bound, stragglers' drain and
 * launch included, or the longest probe seen so far if that took more) still ends within the budget.
 */
public final class CapacitySearch {
    /** Below this rate a probe says nothing useful (a handful of requests): the search stops going down. */
    static final double LOWEST_RATE_PER_SEC = 1.0;

    /** Runs one probe at a rate. */
    public interface Prober {
        CapacityProbe probe(double ratePerSec);

        /**
         * The longest a probe at this rate can take, from its start to its result: load, the drain of the last
         * answers and the launch; zero when unknown (then the longest probe so far is the estimate).
         */
        default Duration longest(double ratePerSec) {
            return Duration.ZERO;
        }
    }

    /**
     * @param startPerSec      the first probe's rate
     * @param maxPerSec        no probe offers more
     * @param resolution       the search ends when (lowest broke - highest held) <= resolution x highest held
     * @param budget           the search starts no probe that would end after this much time
     */
    public record Settings(double startPerSec, double maxPerSec, double resolution, Duration budget) {
        public Settings {
            if (startPerSec <= 0 || maxPerSec < startPerSec || resolution <= 0 || budget.isNegative()) {
                throw new IllegalArgumentException("bad capacity search settings: start " + startPerSec + ", max "
                        + maxPerSec + ", resolution " + resolution + ", budget " + budget);
            }
        }
    }

    private final Settings settings;
    private final Prober prober;
    private final LongSupplier nanoClock;
    private final List<CapacityProbe> probes = new ArrayList<>();
    private long t0;

    CapacitySearch(Settings settings, Prober prober, LongSupplier nanoClock) {
        this.settings = settings;
        this.prober = prober;
        this.nanoClock = nanoClock;
    }

    public static CapacityResult run(Settings settings, Prober prober) {
        return new CapacitySearch(settings, prober, System::nanoTime).run();
    }

    CapacityResult run() {
        t0 = nanoClock.getAsLong();
        CapacityProbe held = null;
        CapacityProbe broke = null;
        double rate = settings.startPerSec();
        if (!affordable(rate)) {
            return result(null, null, CapacityResult.End.BUDGET);
        }
        // Coarse, up: double until a probe breaks or the max rate held.
        while (true) {
            CapacityProbe p = probe(rate);
            if (!p.held()) {
                broke = p;
                break;
            }
            held = p;
            if (rate >= settings.maxPerSec()) {
                return result(held, null, CapacityResult.End.MAX_RATE);
            }
            rate = round(Math.min(rate * 2, settings.maxPerSec()));
            if (!affordable(rate)) {
                return result(held, null, CapacityResult.End.BUDGET);
            }
        }
        // Coarse, down: the start rate broke, halve until one holds.
        while (held == null) {
            rate = round(broke.offeredPerSec() / 2);
            if (rate < LOWEST_RATE_PER_SEC) {
                return result(null, broke, CapacityResult.End.NOTHING_HELD);
            }
            if (!affordable(rate)) {
                return result(null, broke, CapacityResult.End.BUDGET);
            }
            CapacityProbe p = probe(rate);
            if (p.held()) {
                held = p;
            } else {
                broke = p;
            }
        }
        // Fine: bisect between the highest rate that held and the lowest that broke.
        while (broke.offeredPerSec() - held.offeredPerSec() > settings.resolution() * held.offeredPerSec()) {
            double mid = round((held.offeredPerSec() + broke.offeredPerSec()) / 2);
            if (mid <= held.offeredPerSec() || mid >= broke.offeredPerSec()) {
                break;
            }
            if (!affordable(mid)) {
                return result(held, broke, CapacityResult.End.BUDGET);
            }
            CapacityProbe p = probe(mid);
            if (p.held()) {
                held = p;
            } else {
                broke = p;
            }
        }
        return result(held, broke, CapacityResult.End.RESOLVED);
    }

    private CapacityProbe probe(double rate) {
        CapacityProbe p = prober.probe(rate);
        probes.add(p);
        return p;
    }

    /**
     * Whether a probe at this rate surely ends within the budget: its prober's bound, or the longest probe so far
     * if one took longer (a busy machine can slow the launch beyond the prober's allowance).
     */
    private boolean affordable(double rate) {
        long longestMs = Math.max(prober.longest(rate).toMillis(),
                probes.stream().mapToLong(CapacityProbe::wallMs).max().orElse(0));
        long elapsedMs = (nanoClock.getAsLong() - t0) / 1_000_000;
        return elapsedMs + longestMs <= settings.budget().toMillis();
    }

    private CapacityResult result(CapacityProbe held, CapacityProbe broke, CapacityResult.End end) {
        long wallMs = (nanoClock.getAsLong() - t0) / 1_000_000;
        return new CapacityResult(probes, Optional.ofNullable(held), Optional.ofNullable(broke), end, settings,
                wallMs);
    }

    /** Rates as a person would offer them: whole numbers from 10/s up, one decimal below. */
    static double round(double ratePerSec) {
        return ratePerSec >= 10 ? Math.round(ratePerSec) : Math.round(ratePerSec * 10) / 10.0;
    }
}
