package io.restorecheck.load;

import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.Group;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.charts.stats.RequestStatsPath;
import io.gatling.charts.stats.StatsPath;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.stats.ErrorStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a Gatling run measured, read back from its own {@code simulation.log} (binary since Gatling 3.10; read with
 * Gatling's {@link LogFileReader}, the same code that draws index.html): totals, OK/KO, requests per second,
 * percentiles, per request name, and the top errors.
 */
public record GatlingResults(String simulation, RequestStats all, List<RequestStats> requests,
                             List<ErrorCount> errors, double durationSeconds) {
    public GatlingResults {
        requests = List.copyOf(requests);
        errors = List.copyOf(errors);
    }

    /** One row of the report's statistics table; times in ms. */
    public record RequestStats(String name, long count, long ok, long ko, double meanPerSec, int meanMs, int p50Ms,
                               int p75Ms, int p95Ms, int p99Ms, int maxMs) {
        public double errorRatio() {
            return count == 0 ? 0 : ko / (double) count;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("requests", count);
            m.put("ok", ok);
            m.put("ko", ko);
            m.put("req_per_sec", LoadMath.round(meanPerSec, 2));
            m.put("mean_ms", meanMs);
            m.put("p50_ms", p50Ms);
            m.put("p75_ms", p75Ms);
            m.put("p95_ms", p95Ms);
            m.put("p99_ms", p99Ms);
            m.put("max_ms", maxMs);
            return m;
        }
    }

    /** An error message and how many requests ended with it. */
    public record ErrorCount(String message, long count) {
    }

    /** Reads a run's {@code simulation.log}. */
    public static GatlingResults read(Path simulationLog) {
        if (!Files.isRegularFile(simulationLog)) {
            throw new IllegalArgumentException("no Gatling simulation.log at " + simulationLog);
        }
        LogFileData data = new LogFileReader(simulationLog.toFile(), GatlingConfiguration.load()).read();
        RequestStats all = stats("all requests", data, Option.empty(), Option.empty());
        List<RequestStats> requests = new ArrayList<>();
        for (StatsPath path : CollectionConverters.asJava(data.statsPaths())) {
            if (path instanceof RequestStatsPath r) {
                requests.add(stats(r.request(), data, Option.apply(r.request()), r.group()));
            }
        }
        List<ErrorCount> errors = new ArrayList<>();
        for (ErrorStats e : CollectionConverters.asJava(data.errors(Option.empty(), Option.empty()))) {
            errors.add(new ErrorCount(e.message(), e.count()));
        }
        double seconds = (data.runInfo().injectEnd() - data.runInfo().injectStart()) / 1000.0;
        return new GatlingResults(data.runInfo().simulationClassName(), all, requests, errors, seconds);
    }

    private static RequestStats stats(String label, LogFileData data, Option<String> request, Option<Group> group) {
        Option<GeneralStats> total = data.requestGeneralStats(request, group, Option.empty());
        if (total.isEmpty()) {
            return new RequestStats(label, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        GeneralStats s = total.get();
        return new RequestStats(label, s.count(), count(data, request, group, OK$.MODULE$),
                count(data, request, group, KO$.MODULE$), s.meanRequestsPerSec(), s.mean(), percentile(s, 50),
                percentile(s, 75), percentile(s, 95), percentile(s, 99), s.max());
    }

    private static long count(LogFileData data, Option<String> request, Option<Group> group, Status status) {
        Option<GeneralStats> s = data.requestGeneralStats(request, group, Option.apply(status));
        return s.isEmpty() ? 0 : s.get().count();
    }

    private static int percentile(GeneralStats s, double percent) {
        return ((Number) s.percentile().apply(percent)).intValue();
    }

    /** The request rows whose name starts with a prefix (CapacityRamp's "step N "). */
    public List<RequestStats> requestsStartingWith(String prefix) {
        return requests.stream().filter(r -> r.name().startsWith(prefix)).toList();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("simulation", simulation);
        m.put("duration_s", LoadMath.round(durationSeconds, 2));
        m.put("all", all.toJson());
        m.put("requests", requests.stream().map(RequestStats::toJson).toList());
        m.put("errors", errors.stream().map(e -> Map.of("message", e.message(), "count", e.count())).toList());
        return m;
    }
}
