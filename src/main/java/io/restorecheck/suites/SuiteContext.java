package io.restorecheck.suites;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.report.CheckResult;
import io.restorecheck.report.Progress;
import io.restorecheck.report.RunDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the suites of one run share: the site, the run folder, what the caller knows (the outage time), the
 * progress printer, where check results and metrics are collected, and the typed measurements suites hand to the
 * suites after them. Suites receive it as a parameter ({@link SuiteContextResolver}).
 */
public final class SuiteContext {
    private static volatile SuiteContext current;

    private final SiteConfig site;
    private final RunDirectory run;
    private final Optional<Instant> outageAt;
    private final Progress progress;
    private final Map<String, Object> options;
    private final List<CheckResult> results = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Object> metrics = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Class<?>, Object> measurements = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param options extra facts a caller hands to the suites by name (e.g. the demo's knowledge of the stack);
     *                suites must work without them
     */
    public SuiteContext(SiteConfig site, RunDirectory run, Optional<Instant> outageAt, Progress progress,
                        Map<String, Object> options) {
        this.site = site;
        this.run = run;
        this.outageAt = outageAt;
        this.progress = progress;
        this.options = Map.copyOf(options);
    }

    /**
     * The context of the run in progress; only valid inside a suite launched by {@link SuiteRunner}.
     *
     * @deprecated process-wide: a suite takes its context as a parameter ({@link SuiteContextResolver}) instead
     */
    @Deprecated
    public static SuiteContext current() {
        SuiteContext c = current;
        if (c == null) {
            throw new IllegalStateException("no suite run in progress: suites are launched by SuiteRunner");
        }
        return c;
    }

    static void set(SuiteContext context) {
        current = context;
    }

    public SiteConfig site() {
        return site;
    }

    public RunDirectory run() {
        return run;
    }

    public Optional<Instant> outageAt() {
        return outageAt;
    }

    public Progress progress() {
        return progress;
    }

    @SuppressWarnings("unchecked")
    public <T> Optional<T> option(String name, Class<T> type) {
        Object v = options.get(name);
        return type.isInstance(v) ? Optional.of((T) v) : Optional.empty();
    }

    /** Adds a metric under {@code summary.json}'s {@code metrics}. */
    public void metric(String name, Object value) {
        metrics.put(name, value);
    }

    /**
     * Hands a suite's typed measurement to the suites that run after it in this run (the archive's last commit to
     * recency). Suites never read each other's metrics: metrics are the report's output, derived from these.
     */
    public <T> void share(Class<T> type, T measurement) {
        measurements.put(type, measurement);
    }

    /** What an earlier suite of this run shared under {@code type}; empty when it did not run. */
    public <T> Optional<T> shared(Class<T> type) {
        return Optional.ofNullable(measurements.get(type)).map(type::cast);
    }

    void record(CheckResult result) {
        results.add(result);
    }

    boolean recorded(String checkId) {
        synchronized (results) {
            return results.stream().anyMatch(r -> r.id().equals(checkId));
        }
    }

    public List<CheckResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    public Map<String, Object> metrics() {
        synchronized (metrics) {
            return Map.copyOf(metrics);
        }
    }
}
