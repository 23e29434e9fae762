package io.restorecheck.inject;

import io.restorecheck.config.InjectorsSection;
import io.restorecheck.load.GatlingLauncher;
import io.restorecheck.load.LoadParameters;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What injectors cost themselves: the same load on the same site from 1 and from N local injector JVMs, alternating,
 * reporting the injectors' CPU time (JVM start, Gatling boot, the load, reading their logs), wall time, and the
 * merged p95. Not a test; run by hand against a running lab:
 * {@code java -cp ... io.restorecheck.inject.FleetOverheadBench http://127.0.0.1:PORT 200 15 3 2}
 * (site, req/s, seconds, N, rounds).
 */
public final class FleetOverheadBench {
    private FleetOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        URI site = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        int n = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        LoadParameters load = new LoadParameters(site, List.of("/Recent_Changes"), List.of(), 0, 1.0, rate, rate,
                duration, 1, Duration.ofSeconds(2), 0.01, 5L);
        Path dir = Files.createTempDirectory("fleet-overhead-");
        for (int round = 0; round < rounds; round++) {
            for (int count : new int[] {1, n}) {
                long t0 = System.nanoTime();
                Fleet.Run run = Fleet.run(new LocalExecutor(), InjectorsSection.DEFAULT.withCount(count),
                        GatlingLauncher.resolve("WikiBrowse"), load, dir.resolve("r" + round + "-n" + count),
                        "WikiBrowse", Duration.ofMinutes(10));
                double wall = (System.nanoTime() - t0) / 1e9;
                if (run.failure().isPresent()) {
                    System.out.println("n=" + count + " failed: " + run.failure().get());
                    continue;
                }
                long cpu = run.injectors().stream().mapToLong(m -> (Long) m.get("cpu_ms")).sum();
                long requests = run.results().all().count();
                System.out.printf(Locale.ROOT, "round %d, %d injector(s): %d requests, p95 %d ms, injectors' CPU %.1f s"
                                + " (%.2f ms/request), wall %.1f s (merge %s ms, report %s ms), lags %s%n", round,
                        count, requests, run.results().all().p95Ms(), cpu / 1000.0, cpu / (double) requests, wall,
                        run.fleet().get("merge_ms"), run.fleet().get("report_ms"),
                        run.injectors().stream().map(m -> m.get("first_user_late_ms")).toList());
            }
        }
    }

}
