package io.restorecheck.config;

import java.time.Duration;
import java.util.List;

/**
 * The load to apply (open model: arrivals per second for a bounded time) and the floors and ceilings it must meet.
 *
 * @param simulation         a simple name in {@code io.restorecheck.simulations} or a fully-qualified class name
 * @param arrivalRatePerSec  the constant rate of WikiBrowse, the first step of CapacityRamp
 * @param maxRatePerSec      the highest rate any simulation may offer (CapacityRamp's last step)
 * @param rampSteps          how many steps CapacityRamp takes from arrival-rate to max-rate within duration
 * @param alsoVisit          paths visited besides the pages (e.g. /Recent_Changes), sharing alsoVisitShare
 * @param popularitySkew     Zipf exponent over the sampled pages: 0 uniform, 1 classic popularity
 * @param capacity           the capacity search after the fixed-rate run (load.capacity)
 * @param injectors          how many injectors share the load, and what starts them (load.injectors)
 */
public record LoadSection(String simulation, Duration duration, double arrivalRatePerSec, double minThroughputPerSec,
                          Duration maxP95, double maxErrorRatio, boolean warmUp, double maxRatePerSec, int rampSteps,
                          List<String> alsoVisit, double alsoVisitShare, double popularitySkew,
                          Capacity capacity, InjectorsSection injectors) {
    public LoadSection {
        alsoVisit = List.copyOf(alsoVisit);
    }

    /** The same load spread over another number of injectors ({@code --injectors N}). */
    public LoadSection withInjectorCount(int count) {
        return new LoadSection(simulation, duration, arrivalRatePerSec, minThroughputPerSec, maxP95, maxErrorRatio,
                warmUp, maxRatePerSec, rampSteps, alsoVisit, alsoVisitShare, popularitySkew, capacity,
                injectors.withCount(count));
    }

    /**
     * The capacity search: probes from startPerSec (doubling, then bisecting) up to the section's max rate, each a
     * settle plus a measured step, until the knee is known within resolution (a fraction of it) or the budget ends.
     *
     * @param minCapacityPerSec the floor of load.capacity
     * @param budget            zero turns the search off (load.capacity is then skipped, saying so)
     */
    public record Capacity(double minCapacityPerSec, double startPerSec, double resolution, Duration budget,
                           Duration settle, Duration step) {
        public boolean enabled() {
            return !budget.isZero();
        }
    }
}
