package io.restorecheck.load.bench;

import com.sun.net.httpserver.HttpServer;
import io.restorecheck.load.CapacityResult;
import io.restorecheck.load.CapacitySearch;
import io.restorecheck.load.GatlingLauncher;
import io.restorecheck.load.GatlingProber;
import io.restorecheck.load.LoadParameters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The capacity search's own ceiling: the search against a static endpoint of a JDK HttpServer (a few bytes, no
 * database, no cache), where the load generator is the limit, next to {@code wrk -t2 -c32} on the same endpoint.
 * Rounds alternate so drift on a shared machine hits both. Usage (after {@code mvn -DskipTests package
 * test-compile}): {@code java --add-opens=java.base/java.lang=ALL-UNNAMED
 * --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -cp "target/test-classes:target/classes:target/lib/*"
 * io.restorecheck.load.bench.CapacityCeilingBench [rounds]}.
 */
public final class CapacityCeilingBench {
    private CapacityCeilingBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        // Without TCP_NODELAY the JDK server's small responses wait for delayed ACKs (~40 ms each): the server,
        // not the load generator, would be the limit.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
        server.createContext("/static/ping", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path out = Files.createTempDirectory("capacity-ceiling-");
        try {
            wrk(base + "/static/ping", 3);
            // The p95 ceiling: 1 s is load.max-p95's default (the demo uses 2 s). With 100 ms, one scheduler stall
            // of a busy shared machine (load average 20 on 2 cores) made > 5% of a step slow and broke the probe:
            // the knee then measured the machine's stalls, not the generator (bench.max-p95-ms to compare).
            long maxP95Ms = Long.getLong("bench.max-p95-ms", 1000);
            LoadParameters params = new LoadParameters(URI.create(base), List.of("/static/ping"), List.of(), 0, 0,
                    1000, 64_000, Duration.ofSeconds(3), 1, Duration.ofMillis(maxP95Ms), 0.01, 1);
            System.out.printf(Locale.ROOT, "p95 ceiling %d ms, JIT warm-up %d s%n", maxP95Ms,
                    Integer.getInteger("bench.warm-up-s", 30));
            // Unmeasured Gatling load first so the JIT has compiled Gatling's hot path (wrk is C and needs none).
            // One 10 s search was not enough on a busy machine: C2 still took 45% of the JVM's CPU in the measured
            // probes (perf); a steady 1000/s for bench.warm-up-s (default 30) lets it finish, as the fixed-rate
            // run before the search does in accept and demo.
            int warmUpS = Integer.getInteger("bench.warm-up-s", 30);
            if (warmUpS > 0) {
                new GatlingProber(params, Duration.ofSeconds(1), Duration.ofSeconds(warmUpS), out.resolve("jit"),
                        p -> { }).probe(1000);
            }
            for (int i = 1; i <= rounds; i++) {
                double w = wrk(base + "/static/ping", 10);
                long t0 = System.nanoTime();
                CapacityResult r = search(params, out.resolve("round-" + i), Duration.ofSeconds(60));
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: wrk -t2 -c32 %.0f req/s; capacity search knee %s in %.1f s"
                                + " (%d probes), ratio %.2f; %s; curve %s%n", i, w, r.kneeText(), s, r.probes().size(),
                        r.kneePerSec() / w, r.brokeText(), r.curveText());
            }
        } finally {
            server.stop(0);
            System.exit(0);
        }
    }

    private static CapacityResult search(LoadParameters params, Path dir, Duration budget) {
        GatlingProber prober = new GatlingProber(params, Duration.ofSeconds(1), Duration.ofSeconds(3), dir, p -> { });
        return CapacitySearch.run(new CapacitySearch.Settings(1000, 64_000, 0.1, budget), prober);
    }

    private static double wrk(String url, int seconds) throws Exception {
        Process p = new ProcessBuilder("wrk", "-t2", "-c32", "-d" + seconds + "s", url).redirectErrorStream(true)
                .start();
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
        return Double.parseDouble(m.group(1));
    }

    static {
        GatlingLauncher.resolve("CapacityStep");
    }
}
