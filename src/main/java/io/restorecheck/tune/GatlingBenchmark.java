package io.restorecheck.tune;

import io.restorecheck.cache.Reading;
import io.restorecheck.cache.StatsDelta;
import io.restorecheck.cache.XMemcachedStats;
import io.restorecheck.config.LoadSection;
import io.restorecheck.load.CapacityProbe;
import io.restorecheck.load.CapacityResult;
import io.restorecheck.load.CapacitySearch;
import io.restorecheck.load.GatlingProber;
import io.restorecheck.load.LoadParameters;
import io.restorecheck.load.PageList;
import io.restorecheck.load.WarmUp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tuning measurement through the same engine as accept and bench: the load package's capacity search (short
 * fixed-rate Gatling probes, open model) within the matrix's duration, starting at a reference rate, so the first
 * probe also gives the p95 at that rate. memcached's stats (the shared reader) bracket the search: hit ratio and
 * evictions are the deltas over it, counter resets included.
 */
public final class GatlingBenchmark implements Benchmark {
    /** The lab's load profile, as the demo's site config: 100/s reference, up to 4000/s, p95 ceiling 2 s. */
    static final Profile LAB = new Profile(100, 4000, Duration.ofSeconds(2), 0.01);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration STEP = Duration.ofSeconds(2);

    /** The rates and ceilings of the search. */
    record Profile(double referenceRatePerSec, double maxRatePerSec, Duration maxP95, double maxErrorRatio) {
        static Profile of(LoadSection load) {
            return new Profile(load.arrivalRatePerSec(), load.maxRatePerSec(), load.maxP95(), load.maxErrorRatio());
        }
    }

    private final Profile profile;
    private final Path gatlingDir;
    private int measurements;

    GatlingBenchmark(Profile profile, Path gatlingDir) {
        this.profile = profile;
        this.gatlingDir = gatlingDir;
    }

    /** For {@code tune --lab}: the lab's profile, probes under {@code gatlingDir}. */
    public static GatlingBenchmark lab(Path gatlingDir) {
        return new GatlingBenchmark(LAB, gatlingDir);
    }

    /** For {@code tune -c site.conf}: the site's load section when it has one, else the lab's profile. */
    public static GatlingBenchmark of(java.util.Optional<LoadSection> load, Path gatlingDir) {
        return new GatlingBenchmark(load.map(Profile::of).orElse(LAB), gatlingDir);
    }

    @Override
    public synchronized Sample run(Target target, Duration warmUp, Duration duration) {
        measurements++;
        String base = target.site().endsWith("/") ? target.site().substring(0, target.site().length() - 1)
                : target.site();
        if (!warmUp.isZero()) {
            WarmUp.run(base, target.paths(), warmUp);
        }
        LoadParameters params = new LoadParameters(URI.create(base), target.paths(), List.of(), 0, 1.0,
                profile.referenceRatePerSec(), Math.max(profile.referenceRatePerSec(), profile.maxRatePerSec()), STEP,
                1, profile.maxP95(), profile.maxErrorRatio(), PageList.SEED);
        if (measurements == 1) {
            // The first Gatling launch in a JVM spends ~10 s loading and compiling Gatling: an unmeasured probe
            // pays for it, or the first variant measured would lose its budget to it.
            new GatlingProber(params, SETTLE, STEP, gatlingDir.resolve("jit-warm-up"), p -> { })
                    .probe(profile.referenceRatePerSec());
        }
        try (XMemcachedStats stats = new XMemcachedStats(target.cacheServers())) {
            List<Reading> before = stats.read();
            GatlingProber prober = new GatlingProber(params, SETTLE, STEP,
                    gatlingDir.resolve(String.format("measurement-%02d", measurements)), p -> { });
            // The reference probe is always measured (its p95 is the sample's): the budget is at least its longest,
            // plus a second because the search counts the time since its own start.
            Duration oneProbe = prober.longest(profile.referenceRatePerSec()).plusSeconds(1);
            Duration budget = duration.compareTo(oneProbe) >= 0 ? duration : oneProbe;
            CapacityResult r = CapacitySearch.run(new CapacitySearch.Settings(profile.referenceRatePerSec(),
                    params.maxRatePerSec(), 0.1, budget), prober);
            List<Reading> after = stats.read();
            CapacityProbe reference = r.probes().get(0);
            long requests = r.probes().stream().mapToLong(CapacityProbe::requests).sum();
            long errors = r.probes().stream().mapToLong(CapacityProbe::ko).sum();
            StatsDelta cache = delta(before, after);
            double hitRatio = target.cacheServers().isEmpty() ? Double.NaN
                    : cache.hitRatio().orElse(Double.NaN);
            return new Sample(r.kneePerSec(), reference.p95Ms(), hitRatio, cache.evictions(), requests, errors);
        }
    }

    /** The traffic between two readings, summed over the servers that answered both. */
    private static StatsDelta delta(List<Reading> before, List<Reading> after) {
        Map<String, Reading> first = new java.util.HashMap<>();
        before.forEach(b -> first.put(b.server(), b));
        List<StatsDelta> deltas = new ArrayList<>();
        for (Reading a : after) {
            Reading b = first.get(a.server());
            if (a.ok() && b != null && b.ok()) {
                deltas.add(StatsDelta.between(b.stats(), a.stats()));
            }
        }
        return StatsDelta.sum(deltas);
    }
}
