package io.restorecheck.load.bench;

import com.sun.net.httpserver.HttpServer;
import io.restorecheck.load.GatlingResults;
import io.restorecheck.load.GatlingLauncher;
import io.restorecheck.load.GatlingProber;
import io.restorecheck.load.LoadParameters;
import io.restorecheck.load.ProbeGuard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the load generator's time goes: CPU microseconds per request, which a shared machine disturbs far less
 * than req/s. Against the same static endpoint as {@link CapacityCeilingBench}, it runs {@code wrk -t2 -c32} and
 * fixed-rate capacity probes (the search's open model) and splits the CPU into the server's threads, the rest of
 * this JVM (the Gatling launch, its GC and JIT) and wrk's own process. Usage as CapacityCeilingBench, arguments
 * {@code [seconds] [rate...]} (default 10 s at 400 and 800/s); run it with {@code -XX:StartFlightRecording} to
 * see the hot methods.
 */
public final class GeneratorCostBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final AtomicLong SERVED = new AtomicLong();
    /** Client ports seen: how many connections the generator used. */
    private static final java.util.Set<Integer> PEERS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The highest CPU time seen per thread id, with its name: Gatling's threads end with each launch. */
    private static final java.util.Map<Long, Object[]> SEEN = new java.util.concurrent.ConcurrentHashMap<>();

    private static void sampleThreads() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long cpu = THREADS.getThreadCpuTime(t.getId());
            if (cpu > 0) {
                SEEN.put(t.getId(), new Object[] {t.getName().replaceAll("[0-9]+", "N"), cpu});
            }
        }
    }

    private static java.util.Map<String, Long> byGroup() {
        sampleThreads();
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        SEEN.values().forEach(v -> groups.merge((String) v[0], (Long) v[1], Long::sum));
        return groups;
    }

    private GeneratorCostBench() {
    }

    /** CPU and requests at one moment: the process, the server's threads, and the requests served so far. */
    private record Reading(long processNanos, long serverNanos, long served, long wallNanos) {
        static Reading now() {
            long server = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("ping-server") || t.getName().startsWith("HTTP-Dispatcher")) {
                    server += Math.max(0, THREADS.getThreadCpuTime(t.getId()));
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Reading(process, server, SERVED.get(), System.nanoTime());
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Double> rates = args.length > 1
                ? java.util.Arrays.stream(args, 1, args.length).map(Double::parseDouble).toList() : List.of(400.0, 800.0);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
        server.createContext("/static/ping", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
            SERVED.incrementAndGet();
            PEERS.add(ex.getRemoteAddress().getPort());
        });
        AtomicInteger n = new AtomicInteger();
        server.setExecutor(Executors.newFixedThreadPool(4, r -> new Thread(r, "ping-server-" + n.incrementAndGet())));
        server.start();
        Thread sampler = new Thread(() -> {
            while (true) {
                sampleThreads();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path out = Files.createTempDirectory("generator-cost-");
        LoadParameters params = new LoadParameters(URI.create(base), List.of("/static/ping"), List.of(), 0, 0,
                1000, 64_000, Duration.ofSeconds(3), 1, Duration.ofMillis(100), 0.01, 1);
        try {
            wrk(base + "/static/ping", 3);
            // Unmeasured load first: the JIT compiles Gatling's hot path once per JVM (see CapacityCeilingBench).
            new GatlingProber(params, Duration.ofSeconds(1), Duration.ofSeconds(Integer.getInteger(
                    "bench.warm-up-s", 30)), out.resolve("jit"), p -> { }).probe(1000);
            for (int round = 1; round <= 2; round++) {
                double[] wrkCpu = new double[1];
                measure("round " + round + " wrk -t2 -c32", () -> {
                    try {
                        wrkCpu[0] = wrk(base + "/static/ping", seconds)[1];
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return "";
                }, wrkCpu);
                for (double rate : rates) {
                    // A 10 s ceiling, so that no probe is stopped early: the cost, not the verdict, is measured.
                    Path dir = out.resolve("r" + round + "-" + rate);
                    measure("round " + round + " open probe (CapacityStep) at " + rate + "/s",
                            () -> launch(GatlingLauncher.resolve("CapacityStep"), params, rate, seconds, dir), null);
                }
            }
        } finally {
            server.stop(0);
            System.exit(0);
        }
    }

    /** One open-model probe of this simulation at a rate, as GatlingProber runs it, without its verdict. */
    private static String launch(Class<?> simulation, LoadParameters params, double rate, int seconds, Path dir) {
        Duration settle = Duration.ofSeconds(1);
        Duration step = Duration.ofSeconds(seconds);
        LoadParameters.install(new LoadParameters(params.baseUrl(), params.pagePaths(), List.of(), 0, 0, rate, rate,
                settle.plus(step), 1, Duration.ofSeconds(10), 0.01, 1));
        ProbeGuard.install(new ProbeGuard(rate, settle, step, 10_000, 0.01));
        GatlingLauncher.Launched l = GatlingLauncher.run(simulation, dir, "probe", "cost of " + simulation
                .getSimpleName(), false);
        GatlingResults r = GatlingResults.read(l.simulationLog());
        return r.requests().stream().filter(x -> ProbeGuard.isStep(x.name())).findFirst()
                .map(x -> String.format(Locale.ROOT, "step: %d requests, %d KO, p95 %d ms", x.count(), x.ko(),
                        x.p95Ms())).orElse("no step requests");
    }

    private static void measure(String what, Supplier<String> run, double[] externalCpuSeconds) {
        PEERS.clear();
        long gcMsBefore = gcMs();
        java.util.Map<String, Long> before = byGroup();
        Reading a = Reading.now();
        String detail = run.get();
        Reading b = Reading.now();
        java.util.Map<String, Long> after = byGroup();
        long requests = b.served() - a.served();
        double wallS = (b.wallNanos() - a.wallNanos()) / 1e9;
        double serverUs = (b.serverNanos() - a.serverNanos()) / 1e3 / requests;
        double restUs = ((b.processNanos() - a.processNanos()) - (b.serverNanos() - a.serverNanos())) / 1e3 / requests;
        String external = externalCpuSeconds == null ? ""
                : String.format(Locale.ROOT, ", wrk process %.1f us/req", externalCpuSeconds[0] * 1e6 / requests);
        System.out.printf(Locale.ROOT, "%s: %d requests in %.1f s (%.0f/s); CPU per request: server %.1f us, rest of"
                + " the JVM (generator, GC, JIT) %.1f us%s; %s; load avg %.1f%n", what, requests, wallS,
                requests / wallS, serverUs, restUs, external, detail,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        StringBuilder groups = new StringBuilder(String.format(Locale.ROOT, "    %d connections, GC %d ms;"
                + " threads, us/req:", PEERS.size(), gcMs() - gcMsBefore));
        after.forEach((name, cpu) -> {
            double us = (cpu - before.getOrDefault(name, 0L)) / 1e3 / requests;
            if (us >= 0.5) {
                groups.append(String.format(Locale.ROOT, " [%s] %.1f;", name, us));
            }
        });
        System.out.println(groups);
    }

    private static long gcMs() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** wrk's req/s and the CPU seconds its process used (from the shell's {@code times}). */
    private static double[] wrk(String url, int seconds) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "wrk -t2 -c32 -d" + seconds + "s " + url + "; times")
                .redirectErrorStream(true).start();
        StringBuilder text = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                text.append(line).append('\n');
            }
        }
        p.waitFor();
        Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output: " + text);
        }
        // times: the shell's user/sys, then its children's (wrk's): "0m1.234s 0m0.567s".
        Matcher t = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s").matcher(text);
        double cpu = 0;
        for (int i = 0; t.find(); i++) {
            if (i == 1) {
                cpu = Integer.parseInt(t.group(1)) * 60 + Double.parseDouble(t.group(2))
                        + Integer.parseInt(t.group(3)) * 60 + Double.parseDouble(t.group(4));
            }
        }
        return new double[] {Double.parseDouble(m.group(1)), cpu};
    }

    static {
        GatlingLauncher.resolve("CapacityStep");
    }
}
