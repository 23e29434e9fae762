package io.restorecheck.suites;

import io.restorecheck.cache.CacheSampler;
import io.restorecheck.cache.CacheVerdicts;
import io.restorecheck.cache.StatsDelta;
import io.restorecheck.cache.XMemcachedStats;
import io.restorecheck.config.CacheSection;
import io.restorecheck.config.LoadSection;
import io.restorecheck.config.PagesSection;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.inject.Fleet;
import io.restorecheck.load.CapacityChart;
import io.restorecheck.load.CapacityResult;
import io.restorecheck.load.CapacitySearch;
import io.restorecheck.load.CapacityVerdict;
import io.restorecheck.load.GatlingLauncher;
import io.restorecheck.load.GatlingProber;
import io.restorecheck.load.GatlingResults;
import io.restorecheck.load.LoadParameters;
import io.restorecheck.load.LoadVerdicts;
import io.restorecheck.load.PageList;
import io.restorecheck.load.RampPlan;
import io.restorecheck.load.RampResult;
import io.restorecheck.load.WarmUp;
import io.restorecheck.report.CheckResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The load suite's one measurement: the pages to visit, memcached stats before, a warm-up pass (cold numbers),
 * the Gatling run with stats sampled every interval (warm numbers), stats after; then the checks and the
 * metrics. Sections the config lacks turn their checks into skipped ones with the reason.
 */
final class LoadMeasurement {
    /** The seed of the page sample and the popularity draw: runs visit the same pages in the same mix. */
    static final long SEED = 20_261_126L;
    private static final Duration WARM_UP_MAX = Duration.ofMinutes(2);

    private final Optional<String> loadSkipped;
    private final Optional<String> cacheSkipped;
    private LoadVerdicts load;
    private CacheVerdicts cache;
    private String cacheSeriesCsv = "";
    private CheckResult capacity;
    /** Why the injectors' load cannot be judged (which injector, where, why); null when it can. */
    private String injectorsFailed;
    private List<String> behind = List.of();
    private CapacityResult capacityResult;

    private LoadMeasurement(Optional<String> loadSkipped, Optional<String> cacheSkipped) {
        this.loadSkipped = loadSkipped;
        this.cacheSkipped = cacheSkipped;
    }

    static LoadMeasurement run(SuiteContext ctx) {
        SiteConfig site = ctx.site();
        Optional<String> noLoad = site.load().isEmpty() ? Optional.of("no load section in " + site.source())
                : site.pages().isEmpty() ? Optional.of("the load needs pages.list-query to know what to visit; no"
                + " pages section in " + site.source()) : Optional.empty();
        Optional<String> noCache = noLoad.isPresent() ? noLoad.map(w -> "no load to measure the cache under: " + w)
                : site.cache().isEmpty() ? Optional.of("no cache section in " + site.source()) : Optional.empty();
        LoadMeasurement m = new LoadMeasurement(noLoad, noCache);
        if (noLoad.isEmpty()) {
            m.measure(ctx, site.load().get(), site.pages().get(), site.cache());
        }
        return m;
    }

    private void measure(SuiteContext ctx, LoadSection cfg, PagesSection pages, Optional<CacheSection> cacheCfg) {
        Class<?> simulation = GatlingLauncher.resolve(cfg.simulation());
        SiteConfig site = ctx.site();
        List<String> titles = ctx.progress().step("load: page list", () -> PageList.sample(
                PageList.titles(site.database(), pages.listQuery()), pages.sample(), SEED),
                t -> t.size() + " pages sampled (popularity rank = sample order)");
        LoadParameters params = new LoadParameters(site.site().baseUrl(), PageList.paths(site.site(), titles),
                cfg.alsoVisit(), cfg.alsoVisitShare(), cfg.popularitySkew(), cfg.arrivalRatePerSec(),
                cfg.maxRatePerSec(), cfg.duration(), cfg.rampSteps(), cfg.maxP95(), cfg.maxErrorRatio(), SEED);
        String baseUrl = params.baseUrlText();
        Map<String, Object> loadMetrics = new LinkedHashMap<>();
        Map<String, Object> cacheMetrics = new LinkedHashMap<>();
        Optional<String> coldText = Optional.empty();
        StatsDelta coldCache = null;
        try (CacheSampler sampler = cacheCfg.map(c -> new CacheSampler(new XMemcachedStats(c.servers()),
                c.sampleInterval())).orElseGet(CacheSampler::none)) {
            cacheMetrics.put("servers", cacheCfg.map(CacheSection::servers).orElse(List.of()));
            Map<String, Map<String, String>> cacheSettings = settings(sampler.settings());
            cacheMetrics.put("settings", cacheSettings);
            CacheSampler.Sample beforeWarmUp = sampler.sample("before");
            if (cfg.warmUp()) {
                List<String> all = new java.util.ArrayList<>(params.pagePaths());
                all.addAll(params.alsoVisitPaths());
                sampler.every("warm-up");
                WarmUp.Result cold = ctx.progress().step("load: warm-up (one pass, cold)", () -> WarmUp.run(baseUrl,
                        all, WARM_UP_MAX), r -> String.format(Locale.ROOT, "%d requests, %d errors, %.1f req/s,"
                        + " p95 %d ms", r.requests(), r.errors(), r.perSec(), r.p95Ms()));
                sampler.stop();
                loadMetrics.put("cold", cold.toJson());
                coldText = Optional.of(String.format(Locale.ROOT, "%d requests, %d errors, %.1f req/s, p95 %d ms",
                        cold.requests(), cold.errors(), cold.perSec(), cold.p95Ms()));
                CacheSampler.Sample afterWarmUp = sampler.sample("warm-up");
                if (cacheCfg.isPresent()) {
                    coldCache = new CacheVerdicts(cacheCfg.get(), beforeWarmUp, afterWarmUp, cold.requests())
                            .total();
                    cacheMetrics.put("cold", deltaJson(coldCache));
                }
            } else {
                loadMetrics.put("cold", "warm-up turned off (load.warm-up = false)");
            }
            LoadParameters.install(params);
            CacheSampler.Sample beforeLoad = sampler.sample("load");
            sampler.every("load");
            String what = simulation.getSimpleName() + (simulation.getSimpleName().equals("CapacityRamp")
                    ? " " + params.rampRatesPerSec() + "/s" : " " + cfg.arrivalRatePerSec() + "/s")
                    + " for " + cfg.duration().toSeconds() + " s";
            GatlingLauncher.Launched launched;
            GatlingResults results = null;
            try {
                if (cfg.injectors().distributed()) {
                    // Several injectors: their merged log gives the report, their merged histograms the numbers.
                    String on = what + " on " + cfg.injectors().count() + " " + cfg.injectors().executor().label()
                            + " injectors";
                    Fleet.Run fleet = ctx.progress().step("load: Gatling " + on, () -> withProgress(ctx,
                            "load: Gatling " + on, cfg.duration().toSeconds(), () -> Fleet.run(cfg.injectors(),
                            simulation, params, ctx.run().resolve("gatling"), simulation.getSimpleName())),
                            f -> f.failure().orElseGet(() -> ctx.run().path().relativize(f.launched().indexHtml())
                                    .toString()));
                    loadMetrics.put("injectors", fleet.injectors());
                    loadMetrics.put("fleet", fleet.fleet());
                    if (fleet.failure().isPresent()) {
                        injectorsFailed = fleet.failure().get();
                        return;
                    }
                    launched = fleet.launched();
                    results = fleet.results();
                    behind = fleet.behind();
                } else {
                    launched = ctx.progress().step("load: Gatling " + what, () -> withProgress(ctx,
                            "load: Gatling " + what, cfg.duration().toSeconds(), () -> GatlingLauncher.run(simulation,
                            ctx.run().resolve("gatling"), simulation.getSimpleName(), "restorecheck " + what)),
                            l -> ctx.run().path().relativize(l.indexHtml()).toString());
                }
            } finally {
                sampler.stop();
            }
            CacheSampler.Sample afterLoad = sampler.sample("after");
            if (results == null) {
                results = GatlingResults.read(launched.simulationLog());
            }
            Optional<RampResult> ramp = results.requests().stream().anyMatch(r -> r.name().startsWith("step "))
                    ? Optional.of(RampResult.of(results, params.rampRatesPerSec(), params.rampStepDuration(),
                    cfg.maxP95().toMillis(), cfg.maxErrorRatio())) : Optional.empty();
            String report = ctx.run().path().relativize(launched.indexHtml()).toString();
            load = new LoadVerdicts(cfg, results, ramp, report, coldText);
            loadMetrics.put("simulation", simulation.getName());
            loadMetrics.put("offered_per_sec", cfg.arrivalRatePerSec());
            loadMetrics.put("duration_s", cfg.duration().toSeconds());
            loadMetrics.put("report", report);
            loadMetrics.put("gatling_status", launched.status());
            loadMetrics.put("warm", results.toJson());
            ramp.ifPresent(r -> loadMetrics.put("ramp", r.toJson()));
            if (cacheCfg.isPresent()) {
                cache = new CacheVerdicts(cacheCfg.get(), beforeLoad, afterLoad, results.all().count());
                if (coldCache != null) {
                    cache.withCold(coldCache);
                }
                cacheMetrics.put("warm", deltaJson(cache.total()));
            }
            List<Map<String, Object>> series = CacheSampler.series(sampler.samples());
            cacheMetrics.put("series", series);
            cacheSeriesCsv = csv(series);
            if (cacheCfg.isPresent()) {
                writeQuietly(ctx.run().resolve("cache-stats.csv"), cacheSeriesCsv);
            }
            if (cfg.injectors().distributed() && cfg.capacity().enabled()) {
                // The load ran on the injectors, so Gatling has not run in this JVM yet: its first launch loads and
                // compiles Gatling for seconds and broke the first probe (250/s, 500+ in flight) on the lab where a
                // warm JVM holds 2000/s. An unmeasured probe pays for it, as tune's GatlingBenchmark does.
                ctx.progress().step("load: Gatling warm-up in this JVM for the capacity search",
                        () -> new GatlingProber(params, cfg.capacity().settle(), cfg.capacity().step(),
                                ctx.run().resolve("gatling").resolve("jit-warm-up"), p -> { })
                                .probe(cfg.arrivalRatePerSec()),
                        p -> String.format(Locale.ROOT, "%.0f req/s served, unmeasured", p.servedPerSec()));
            }
            capacity = searchCapacity(ctx, cfg, params, loadMetrics);
            ctx.share(LoadFigures.class, figures(results, cacheSettings));
        } finally {
            ctx.metric("load", loadMetrics);
            if (cacheSkipped.isEmpty()) {
                ctx.metric("cache", cacheMetrics);
            }
        }
    }

    /**
     * After the fixed-rate run (whose cache numbers are already taken): the capacity search, its curve as a chart,
     * the probes in metrics.load.capacity. A search that cannot run makes load.capacity broken, not the suite.
     */
    private CheckResult searchCapacity(SuiteContext ctx, LoadSection cfg, LoadParameters params,
                                              Map<String, Object> loadMetrics) {
        LoadSection.Capacity c = cfg.capacity();
        if (!c.enabled()) {
            return CheckResult.skipped(CapacityVerdict.CAPACITY, "load.capacity-budget = 0s in " + ctx.site().source()
                    + " turns the capacity search off");
        }
        try {
            io.restorecheck.report.Progress.Activity activity = ctx.progress().activity("load: capacity search");
            CapacityResult r;
            try {
                GatlingProber prober = new GatlingProber(params, c.settle(), c.step(), ctx.run().resolve("gatling"),
                        activity::update);
                r = ctx.progress().step("load: capacity search (" + RampPlan.rateText(c.startPerSec()) + "/s up to "
                        + RampPlan.rateText(cfg.maxRatePerSec()) + "/s, budget " + c.budget().toSeconds() + " s)",
                        () -> CapacitySearch.run(new CapacitySearch.Settings(c.startPerSec(), cfg.maxRatePerSec(),
                                c.resolution(), c.budget()), prober),
                        x -> "knee " + x.kneeText() + ", " + x.probes().size() + " probes");
            } finally {
                activity.clear();
            }
            capacityResult = r;
            loadMetrics.put("capacity", r.toJson());
            Path chart = ctx.run().resolve("capacity-curve.png");
            CapacityChart.write(r, cfg.maxP95().toMillis(), chart);
            return CapacityVerdict.of(r, c.minCapacityPerSec(), cfg.maxP95().toMillis(), cfg.maxErrorRatio(),
                    "chart " + ctx.run().path().relativize(chart) + ", probes in gatling/capacity/");
        } catch (RuntimeException e) {
            return CheckResult.broken(CapacityVerdict.CAPACITY, "the capacity search could not run: " + e);
        }
    }

    /** Runs the load while a progress line says how far it is (in place on a terminal, every 10 s in a log). */
    private static <T> T withProgress(SuiteContext ctx, String name, long seconds,
                                      java.util.function.Supplier<T> work) {
        io.restorecheck.report.Progress.Activity activity = ctx.progress().activity(name);
        long t0 = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService ticker =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "restorecheck-load-progress");
                    t.setDaemon(true);
                    return t;
                });
        ticker.scheduleAtFixedRate(() -> {
            long elapsed = (System.nanoTime() - t0) / 1_000_000_000L;
            activity.update(elapsed <= seconds ? elapsed + " s of " + seconds + " s of load"
                    : "load done, Gatling writes its report");
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        try {
            return work.get();
        } finally {
            ticker.shutdownNow();
            activity.clear();
        }
    }

    CheckResult loadCheck(String id) {
        if (loadSkipped.isPresent()) {
            return CheckResult.skipped(id, loadSkipped.get());
        }
        if (injectorsFailed != null) {
            return CheckResult.failed(id, null, null, null, "the load cannot be judged: " + injectorsFailed);
        }
        return switch (id) {
            case LoadVerdicts.THROUGHPUT -> namingLaggards(load.throughput());
            case LoadVerdicts.P95 -> load.latencyP95();
            default -> load.errors();
        };
    }

    /** The throughput evidence with the injectors that fell behind their share named. */
    private CheckResult namingLaggards(CheckResult r) {
        return behind.isEmpty() ? r : new CheckResult(r.id(), r.status(), r.measured(), r.expected(), r.unit(),
                r.message() + "; behind their share: " + String.join("; ", behind));
    }

    CheckResult capacityCheck() {
        if (loadSkipped.isPresent()) {
            return CheckResult.skipped(CapacityVerdict.CAPACITY, loadSkipped.get());
        }
        if (injectorsFailed != null) {
            return CheckResult.skipped(CapacityVerdict.CAPACITY, "no capacity search after a failed load: "
                    + injectorsFailed);
        }
        return capacity != null ? capacity : CheckResult.broken(CapacityVerdict.CAPACITY,
                "the load run ended before the capacity search");
    }

    CheckResult cacheCheck(String id) {
        if (cacheSkipped.isPresent()) {
            return CheckResult.skipped(id, cacheSkipped.get());
        }
        if (injectorsFailed != null) {
            return CheckResult.skipped(id, "no load to measure the cache under: " + injectorsFailed);
        }
        return switch (id) {
            case CacheVerdicts.USED -> cache.used();
            case CacheVerdicts.HIT_RATIO -> cache.hitRatio();
            default -> cache.evictions();
        };
    }

    String cacheSeriesCsv() {
        return cacheSeriesCsv;
    }

    /** The typed figures of the fixed-rate run, rounded as the metrics are (the history keeps what the report shows). */
    private LoadFigures figures(GatlingResults results, Map<String, Map<String, String>> cacheSettings) {
        GatlingResults.RequestStats all = results.all();
        StatsDelta warm = cache == null ? null : cache.total();
        return new LoadFigures(Math.round(all.meanPerSec() * 100) / 100.0, all.count(), all.ko(), all.p50Ms(), all.p95Ms(),
                all.p99Ms(), warm == null || warm.hitRatio().isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(Math.round(warm.hitRatio().getAsDouble() * 10_000) / 10_000.0),
                warm == null ? OptionalLong.empty() : OptionalLong.of(warm.evictions()), cacheSettings,
                Optional.ofNullable(capacityResult).map(CapacityResult::kneePerSec));
    }

    private static Map<String, Object> deltaJson(StatsDelta d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gets", d.gets());
        m.put("hits", d.hits());
        m.put("misses", d.misses());
        m.put("evictions", d.evictions());
        m.put("hit_ratio", d.hitRatio().isPresent() ? Math.round(d.hitRatio().getAsDouble() * 10_000) / 10_000.0
                : null);
        return m;
    }

    /** The settings tuning cares about, per server, as memcached names them in {@code stats settings}. */
    private static Map<String, Map<String, String>> settings(Map<String, Map<String, String>> all) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        all.forEach((server, s) -> {
            Map<String, String> m = new LinkedHashMap<>();
            for (String key : List.of("maxbytes", "maxconns", "num_threads", "item_size_max")) {
                if (s.containsKey(key)) {
                    m.put(key.equals("maxbytes") ? "limit_maxbytes" : key, s.get(key));
                }
            }
            out.put(server, m);
        });
        return out;
    }

    private static String csv(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder("t_s,phase,get_hits,get_misses,curr_items,evictions,window_gets,"
                + "window_hit_ratio\n");
        for (Map<String, Object> r : rows) {
            sb.append(r.get("t_s")).append(',').append(r.get("phase")).append(',').append(r.get("get_hits"))
                    .append(',').append(r.get("get_misses")).append(',').append(r.get("curr_items")).append(',')
                    .append(r.get("evictions")).append(',').append(r.get("window_gets")).append(',')
                    .append(r.get("window_hit_ratio") == null ? "" : r.get("window_hit_ratio")).append('\n');
        }
        return sb.toString();
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
