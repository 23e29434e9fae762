package io.restorecheck.tune;

import io.restorecheck.config.CacheSection;
import io.restorecheck.config.ConfigError;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.lab.Processes;
import io.restorecheck.report.SummaryWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code tune -c site.conf --apply CMD}: a site the harness does not manage. Per measurement the user's command
 * ({@code /bin/sh -c CMD}) applies the variant, given its settings as environment variables and a JSON file;
 * when it exits 0 the settings are verified over SQL (read-only) and {@code stats settings}, then the site is
 * measured as its config describes it.
 */
public final class ApplyMeasurement implements Measurement {
    public static final String ENV_VARIANT = "RESTORECHECK_VARIANT";
    public static final String ENV_REPEAT = "RESTORECHECK_REPEAT";
    public static final String ENV_FILE = "RESTORECHECK_VARIANT_FILE";

    private final SiteConfig site;
    private final String command;
    private final Duration timeout;
    private final Path workDir;
    private final Matrix matrix;
    private final Benchmark benchmark;
    private final List<String> pages;
    private final List<String> cacheServers;

    private ApplyMeasurement(SiteConfig site, String command, Duration timeout, Path workDir, Matrix matrix,
            Benchmark benchmark, List<String> pages) {
        this.site = site;
        this.command = command;
        this.timeout = timeout;
        this.workDir = workDir;
        this.matrix = matrix;
        this.benchmark = benchmark;
        this.pages = pages;
        this.cacheServers = site.cache().map(CacheSection::servers).orElse(List.of());
    }

    /**
     * @param workDir where each variant's JSON file and the command's output ({@code apply/}) are kept
     */
    public static ApplyMeasurement start(SiteConfig site, String command, Duration timeout, Path workDir,
            Matrix matrix, Benchmark benchmark) {
        if (site.cache().isEmpty() && matrix.variants().stream().anyMatch(v -> !v.memcached().isEmpty())) {
            throw new ConfigError(site.source(), 0, "cache", "section is missing, but the matrix "
                    + matrix.source() + " tunes memcached: name the servers so their settings can be verified");
        }
        List<String> pages = io.restorecheck.load.PageList.allPaths(site);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + workDir, e);
        }
        return new ApplyMeasurement(site, command, timeout, workDir, matrix, benchmark, pages);
    }

    /** The environment the command gets: the variant's name, repeat, JSON file, and one variable per setting. */
    static Map<String, String> environment(Variant v, int repeat, Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_VARIANT, v.name());
        env.put(ENV_REPEAT, Integer.toString(repeat + 1));
        env.put(ENV_FILE, file.toString());
        v.postgres().forEach((k, value) -> env.put("RESTORECHECK_PG_" + variable(k), value));
        v.memcached().forEach((k, value) -> env.put("RESTORECHECK_MEMCACHED_" + variable(k), value.toString()));
        return env;
    }

    private static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public Sample measure(Variant variant, int repeat) {
        String base = variant.name().replaceAll("[^A-Za-z0-9_.=,+-]", "_") + "-r" + (repeat + 1);
        Path json = workDir.resolve(base + ".json");
        Path log = workDir.resolve(base + ".log");
        writeJson(variant, repeat, json);
        apply(variant, repeat, json, log);
        List<String> wrong = new ArrayList<>(SettingsVerifier.postgres(site.database().url(), site.database().user(),
                site.database().password().reveal(), variant.postgres()));
        wrong.addAll(SettingsVerifier.memcached(cacheServers, variant.memcached()));
        if (!wrong.isEmpty()) {
            throw new VariantFailed("variant '" + variant.name() + "': settings did not take effect after '" + command
                    + "': " + String.join("; ", wrong) + " (command output: " + log + ")");
        }
        return benchmark.run(new Target(site.site().baseUrl().toString(), pages, cacheServers), matrix.warmUp(),
                matrix.duration());
    }

    private void apply(Variant variant, int repeat, Path json, Path log) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment(variant, repeat, json));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run /bin/sh -c '" + command + "': " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // SIGTERM, a grace period, then SIGKILL: the next variant must not start while this one runs.
                Processes.stop(p);
                throw new VariantFailed("variant '" + variant.name() + "': '" + command + "' did not finish within "
                        + timeout.toSeconds() + " s and was stopped; output " + log + ":\n" + Processes.tail(log, 10));
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while '" + command + "' applied " + variant.name(), e);
        }
        if (p.exitValue() != 0) {
            throw new VariantFailed("variant '" + variant.name() + "': '" + command + "' exited " + p.exitValue()
                    + "; output " + log + ":\n" + Processes.tail(log, 10));
        }
    }

    private static void writeJson(Variant v, int repeat, Path file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("variant", v.name());
        doc.put("repeat", repeat + 1);
        doc.put("postgres", v.postgres());
        doc.put("memcached", v.memcached());
        try {
            SummaryWriter.json().writeValue(file.toFile(), doc);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    @Override
    public String describe() {
        return "the site " + site.site().baseUrl() + " of " + site.source() + " (" + pages.size()
                + " pages), variants applied by '" + command + "'";
    }

    @Override
    public void close() {
        // Nothing to stop: the site is not ours.
    }
}
