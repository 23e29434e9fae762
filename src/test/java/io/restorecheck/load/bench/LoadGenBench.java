package io.restorecheck.load.bench;

import io.restorecheck.cache.CacheSampler;
import io.restorecheck.cache.XMemcachedStats;
import io.restorecheck.load.GatlingLauncher;
import io.restorecheck.load.GatlingResults;
import io.restorecheck.load.LoadParameters;
import io.restorecheck.load.PageList;
import io.restorecheck.load.RampResult;
import io.restorecheck.load.WarmUp;
import io.restorecheck.load.WikiStack;
import io.restorecheck.config.DatabaseSection;
import io.restorecheck.config.Secret;
import io.restorecheck.config.SiteSection;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmarks of the load side, all in one run on the same machine (numbers are only comparable within a run):
 * <ol>
 *   <li>our Gatling launch vs wrk on the wiki's static endpoint (/static/ping), same connections and duration;</li>
 *   <li>the stats sampler's overhead on the target: wrk on a cached page with and without sampling;</li>
 *   <li>what memcached is worth: CapacityRamp (the harness's own simulation) and wrk against the wiki with its
 *       cache and against the same wiki pointed at a dead memcached port.</li>
 * </ol>
 * Run: see docs/load.md. Arguments: [seconds per measurement, default 10].
 */
public final class LoadGenBench {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private LoadGenBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String parts = System.getProperty("bench.parts", "123");
        Path out = Files.createTempDirectory("restorecheck-bench-");
        try (WikiStack stack = WikiStack.start(2000)) {
            String cached = stack.cached.baseUrl();
            System.out.printf("stack: wiki %s (memcached %s), same wiki uncached %s (dead port %s), %d s per"
                    + " measurement%n", cached, stack.memcached.address(), stack.uncached.baseUrl(),
                    stack.deadMemcached, seconds);

            // 1. Load generator ceiling.
            wrk(cached + "/static/ping", 3); // warm the server's JIT first
            if (parts.contains("1")) {
                // Gatling is JIT-compiled Java, wrk is C: one unmeasured Gatling round first, so both run hot.
                gatling(PingFlood.class, cached, List.of("/static/ping"), seconds, out, "ping");
                // Two rounds, wrk-gatling then gatling-wrk, so drift on a shared machine hits both alike.
                double wrkPing = 0;
                double gatlingPing = 0;
                StringBuilder each = new StringBuilder();
                for (int round = 0; round < 2; round++) {
                    for (int half = 0; half < 2; half++) {
                        if ((half == 0) == (round == 0)) {
                            double rps = wrk(cached + "/static/ping", seconds);
                            wrkPing += rps / 2;
                            each.append(String.format(Locale.ROOT, "wrk %.0f  ", rps));
                        } else {
                            GatlingResults g = gatling(PingFlood.class, cached, List.of("/static/ping"), seconds, out,
                                    "ping");
                            gatlingPing += g.all().meanPerSec() / 2;
                            each.append(String.format(Locale.ROOT, "gatling %.0f (%d KO, mean %d ms)  ",
                                    g.all().meanPerSec(), g.all().ko(), g.all().meanMs()));
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%n[1] /static/ping, %d connections, %d s, 2 rounds each%n"
                        + "    wrk      %10.0f req/s%n    gatling  %10.0f req/s%n    ratio gatling/wrk = %.2f  (%s)%n",
                        PingFlood.CONNECTIONS, seconds, wrkPing, gatlingPing, gatlingPing / wrkPing,
                        each.toString().trim());
            }

            // 2. Sampler overhead on the target's throughput.
            List<String> titles = PageList.sample(PageList.titles(new DatabaseSection(stack.pg.jdbcUrl(
                    WikiStack.DATABASE), "postgres", Secret.none()), "SELECT propercased_name FROM curPages"),
                    300, 1);
            List<String> paths = PageList.paths(new SiteSection(URI.create(cached), "/{name}"), titles);
            WarmUp.run(cached, paths, Duration.ofMinutes(2));
            String page = cached + paths.get(0);
            if (parts.contains("2")) {
                CacheSampler sampler = new CacheSampler(new XMemcachedStats(List.of(stack.memcached.address())),
                        Duration.ofSeconds(2));
                sampler.sample("before");
                wrk(page, seconds); // the page's JIT warm-up
                // Alternating off, on, on, off, ... so drift over time (JIT, other builds) hits both sides alike.
                int rounds = 4;
                double off = 0;
                double on = 0;
                StringBuilder each = new StringBuilder();
                for (int round = 0; round < rounds; round++) {
                    boolean sampledFirst = round % 2 == 1;
                    for (int half = 0; half < 2; half++) {
                        boolean sampled = (half == 0) == sampledFirst;
                        double rps = sampled ? sampled(sampler, page, seconds) : wrk(page, seconds);
                        each.append(String.format(Locale.ROOT, "%s %.0f  ", sampled ? "on" : "off", rps));
                        if (sampled) {
                            on += rps / rounds;
                        } else {
                            off += rps / rounds;
                        }
                    }
                }
                sampler.close();
                System.out.printf(Locale.ROOT, "%n[2] stats sampler (every 2 s) on %s, wrk %d s, %d rounds each%n"
                        + "    without  %10.0f req/s%n    with     %10.0f req/s%n    overhead = %.1f%%  (%s)%n",
                        paths.get(0), seconds, rounds, off, on, 100 * (off - on) / off, each.toString().trim());
            }
            if (parts.contains("3")) {

            // 3. What the cache is worth.
            WarmUp.run(stack.uncached.baseUrl(), paths, Duration.ofMinutes(2));
            double wrkCached = wrk(page, seconds);
            double wrkUncached = wrk(stack.uncached.baseUrl() + paths.get(0), seconds);
            RampResult rampCached = ramp(cached, paths, seconds, out, "ramp-cached");
            RampResult rampUncached = ramp(stack.uncached.baseUrl(), paths, seconds, out, "ramp-uncached");
            System.out.printf(Locale.ROOT, "%n[3] memcached vs dead memcached port%n"
                    + "    wrk one page      cached %8.0f req/s   uncached %8.0f req/s   (%.1fx)%n"
                    + "    CapacityRamp      cached %8.1f req/s   uncached %8.1f req/s%n"
                    + "      cached steps:   %s%n      uncached steps: %s%n",
                    wrkCached, wrkUncached, wrkCached / wrkUncached,
                    capacity(rampCached), capacity(rampUncached), steps(rampCached), steps(rampUncached));
            }
        } finally {
            io.restorecheck.lab.Processes.deleteTree(out);
        }
        System.exit(0);
    }

    /** wrk while the sampler (opened once, as a run opens it before the warm-up) samples every 2 s. */
    private static double sampled(CacheSampler sampler, String page, int seconds) throws Exception {
        sampler.every("bench");
        try {
            return wrk(page, seconds);
        } finally {
            sampler.stop();
        }
    }

    private static double capacity(RampResult r) {
        return r.highestHeld().map(RampResult.Step::okPerSec).orElse(0.0);
    }

    private static String steps(RampResult r) {
        StringBuilder sb = new StringBuilder();
        for (RampResult.Step s : r.steps()) {
            sb.append(String.format(Locale.ROOT, "%.0f/s->%.0f ok/s p95 %dms%s  ", s.offeredPerSec(), s.okPerSec(),
                    s.p95Ms(), s.held() ? "" : " BROKE"));
        }
        return sb.toString();
    }

    private static RampResult ramp(String baseUrl, List<String> paths, int seconds, Path out, String label) {
        // 6 steps from 100/s to 1600/s, p95 ceiling 500 ms, as a config would say it.
        LoadParameters p = new LoadParameters(URI.create(baseUrl), paths, List.of("/Recent_Changes"), 0.05, 1.0,
                100, 1600, Duration.ofSeconds(6L * Math.max(3, seconds / 2)), 6, Duration.ofMillis(500), 0.01, 1);
        LoadParameters.install(p);
        GatlingLauncher.Launched l = GatlingLauncher.run(GatlingLauncher.resolve("CapacityRamp"), out, label, label);
        return RampResult.of(GatlingResults.read(l.simulationLog()), p.rampRatesPerSec(), p.rampStepDuration(), 500,
                0.01);
    }

    private static GatlingResults gatling(Class<?> simulation, String baseUrl, List<String> paths, int seconds,
                                          Path out, String label) {
        LoadParameters.install(new LoadParameters(URI.create(baseUrl), paths, List.of(), 0, 0, 1, 1,
                Duration.ofSeconds(seconds), 1, Duration.ofSeconds(1), 0.01, 1));
        return GatlingResults.read(GatlingLauncher.run(simulation, out, label, label).simulationLog());
    }

    /** wrk's req/s with 2 threads and as many connections as PingFlood uses. */
    private static double wrk(String url, int seconds) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            throw new IllegalStateException("wrk is not installed (/usr/bin/wrk): apt-get install -y wrk");
        }
        Process p = new ProcessBuilder("/usr/bin/wrk", "-t2", "-c" + PingFlood.CONNECTIONS, "-d" + seconds + "s", url)
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher m = RPS.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }
}
