package io.restorecheck.inject;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.restorecheck.config.InjectorsSection;
import io.restorecheck.lab.Processes;
import io.restorecheck.load.GatlingLauncher;
import io.restorecheck.load.GatlingResults;
import io.restorecheck.load.LoadParameters;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The coordinator: sets a common start time, has the executor run every injector with its share, then merges
 * their logs into {@code <gatling>/<label>/simulation.log} with one Gatling HTML report, and their histograms into
 * exact percentiles. An injector that failed makes the whole run a failure naming it (pod or pid, and why): a load
 * with a missing share would understate what the site was offered.
 */
public final class Fleet {
    /** An injector whose requests per offered req/s fall below this share of the best injector's fell behind. */
    static final double MIN_SHARE_KEPT = 0.9;
    /**
     * Beyond the load itself: JVM start, Gatling's boot and its end-of-run grace, writing results. Generous: on a
     * busy 2-core machine (load average 20) one injector JVM took 50 s for a 4 s load.
     */
    private static final Duration SLACK = Duration.ofMinutes(3);

    private Fleet() {
    }

    /** What the fleet did: either a failure naming injectors, or the merged report, results and per-injector facts. */
    public static final class Run {
        private final Optional<String> failure;
        private final GatlingLauncher.Launched launched;
        private final GatlingResults results;
        private final List<Map<String, Object>> injectors;
        private final Map<String, Object> fleet;

        Run(Optional<String> failure, GatlingLauncher.Launched launched, GatlingResults results,
            List<Map<String, Object>> injectors, Map<String, Object> fleet) {
            this.failure = failure;
            this.launched = launched;
            this.results = results;
            this.injectors = injectors;
            this.fleet = fleet;
        }

        /** Why the fleet's load cannot be judged (which injector, where, why), or empty. */
        public Optional<String> failure() {
            return failure;
        }

        /** The merged run's report folder and Gatling's status on it; only without a failure. */
        public GatlingLauncher.Launched launched() {
            return launched;
        }

        /** Gatling's figures on the merged log with exact counts and percentiles; only without a failure. */
        public GatlingResults results() {
            return results;
        }

        /** metrics.load.injectors: one entry per injector. */
        public List<Map<String, Object>> injectors() {
            return injectors;
        }

        /** metrics.load.fleet: count, executor, start time, merge figures, who fell behind. */
        public Map<String, Object> fleet() {
            return fleet;
        }

        /** "injector 2 (local injector 2 (pid 123)): 412 requests for 33.3/s offered, ..." for each laggard. */
        @SuppressWarnings("unchecked")
        public List<String> behind() {
            return (List<String>) fleet.getOrDefault("behind", List.of());
        }
    }

    /** Runs {@code simulation} with {@code load} spread over the configured injectors. */
    public static Run run(InjectorsSection cfg, Class<?> simulation, LoadParameters load, Path gatlingDir,
                          String label) {
        Duration deadline = cfg.startDelay().plus(load.duration()).plus(SLACK);
        if (cfg.executor() == InjectorsSection.Executor.LOCAL) {
            return run(new LocalExecutor(), cfg, simulation, load, gatlingDir, label, deadline);
        }
        // The cluster as kubectl finds it: KUBECONFIG / ~/.kube/config, or the service account inside a pod.
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            return run(new KubernetesExecutor(client, cfg.kubernetes(), Duration.ofSeconds(2)), cfg, simulation,
                    load, gatlingDir, label, deadline.plus(cfg.kubernetes().startTimeout()));
        }
    }

    static Run run(InjectorExecutor executor, InjectorsSection cfg, Class<?> simulation, LoadParameters load,
                   Path gatlingDir, String label, Duration deadline) {
        long startAt = System.currentTimeMillis() + cfg.startDelay().toMillis();
        InjectorPlan plan = new InjectorPlan(simulation.getName(), load, cfg.count(), startAt);
        Path workDir = gatlingDir.resolve("injectors");
        Processes.deleteTree(workDir);
        List<InjectorExecutor.Outcome> outcomes = executor.run(plan, workDir, deadline);
        Map<String, Object> fleet = new LinkedHashMap<>();
        fleet.put("count", cfg.count());
        fleet.put("executor", cfg.executor().label());
        fleet.put("start_at", Instant.ofEpochMilli(startAt).toString());
        fleet.put("results", gatlingDir.getParent() == null ? workDir.toString()
                : gatlingDir.getParent().relativize(workDir).toString());
        List<InjectorExecutor.Outcome> failed = outcomes.stream().filter(o -> o.failure().isPresent()).toList();
        if (!failed.isEmpty()) {
            List<Map<String, Object>> injectors = new ArrayList<>();
            for (InjectorExecutor.Outcome o : outcomes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", o.index());
                m.put("where", o.where());
                m.put("arrival_rate", InjectorPlan.share(load.arrivalRatePerSec(), cfg.count(), o.index()));
                o.failure().ifPresent(f -> m.put("failure", f));
                injectors.add(m);
            }
            String why = failed.size() + " of " + cfg.count() + " injectors failed: " + failed.stream()
                    .map(o -> "injector " + o.index() + " (" + o.where() + "): " + o.failure().get())
                    .collect(Collectors.joining("; "));
            return new Run(Optional.of(why), null, null, injectors, fleet);
        }
        long t0 = System.nanoTime();
        Path reportDir = gatlingDir.resolve(label);
        Processes.deleteTree(reportDir);
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + reportDir, e);
        }
        List<Path> logs = outcomes.stream().map(o -> o.resultDir().get().resolve("simulation.log")).toList();
        LogMerge.Merged merged = LogMerge.merge(logs, reportDir.resolve("simulation.log"));
        long mergeMs = (System.nanoTime() - t0) / 1_000_000;
        Latencies total = new Latencies();
        List<Latencies> each = new ArrayList<>();
        for (InjectorExecutor.Outcome o : outcomes) {
            Latencies l = Latencies.read(o.resultDir().get().resolve(Latencies.FILE));
            each.add(l);
            total.add(l);
        }
        long t1 = System.nanoTime();
        int status = ReportOnly.generate(gatlingDir, label);
        long reportMs = (System.nanoTime() - t1) / 1_000_000;
        GatlingResults results = ExactResults.of(GatlingResults.read(reportDir.resolve("simulation.log")), total);
        List<Map<String, Object>> injectors = new ArrayList<>();
        double best = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            double share = InjectorPlan.share(load.arrivalRatePerSec(), cfg.count(), i);
            best = Math.max(best, each.get(i).all().count() / share);
        }
        List<String> behind = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            InjectorExecutor.Outcome o = outcomes.get(i);
            Latencies.Entry all = each.get(i).all();
            double share = InjectorPlan.share(load.arrivalRatePerSec(), cfg.count(), i);
            Properties facts = facts(o.resultDir().get().resolve(InjectorMain.FACTS));
            boolean fellBehind = all.count() / share < MIN_SHARE_KEPT * best;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", o.index());
            m.put("where", o.where());
            m.put("host", facts.getProperty("host", ""));
            m.put("arrival_rate", share);
            m.put("requests", all.count());
            m.put("ok", all.ok);
            m.put("ko", all.ko);
            m.put("p95_ms", all.count() == 0 ? null : all.histogram.getValueAtPercentile(95));
            m.put("start_lag_ms", Long.parseLong(facts.getProperty("start-lag-ms", "0")));
            m.put("first_user_late_ms", merged.firstUserLateMs().get(i));
            m.put("gatling_status", Integer.parseInt(facts.getProperty("gatling-status", "-1")));
            m.put("cpu_ms", facts.containsKey("cpu-ms") ? Long.parseLong(facts.getProperty("cpu-ms")) : null);
            m.put("behind", fellBehind);
            injectors.add(m);
            if (fellBehind) {
                behind.add(String.format(Locale.ROOT, "injector %d (%s): %d requests for %s/s offered, below %.0f%%"
                        + " of the best injector's per offered req/s", o.index(), o.where(), all.count(),
                        share, MIN_SHARE_KEPT * 100));
            }
        }
        fleet.put("merged_requests", merged.requests());
        fleet.put("merged_records", merged.records());
        fleet.put("merge_ms", mergeMs);
        fleet.put("report_ms", reportMs);
        fleet.put("behind", behind);
        return new Run(Optional.empty(), new GatlingLauncher.Launched(status, reportDir), results, injectors, fleet);
    }

    private static Properties facts(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            // The facts are for the metrics only; the results themselves were read already.
        }
        return p;
    }
}
