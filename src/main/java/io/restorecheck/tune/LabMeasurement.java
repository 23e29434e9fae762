package io.restorecheck.tune;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.lab.LabException;
import io.restorecheck.lab.MemcachedOptions;
import io.restorecheck.lab.TuningLab;
import io.restorecheck.report.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code tune --lab}: a {@link TuningLab} (the restored sample stack of the demo) as the site. Per measurement the restored
 * PostgreSQL restarts with the variant's settings on its command line and memcached restarts with its options
 * (so every measurement starts from the same cold state), the wiki follows both, every setting is verified
 * ({@code current_setting}, {@code stats settings}), then the benchmark warms up and measures.
 */
public final class LabMeasurement implements Measurement {
    /** The lab's memcached when a variant does not say: {@link MemcachedOptions#defaults()}. */
    private static final MemcachedOptions BASE = MemcachedOptions.defaults();

    private final TuningLab lab;
    private final Matrix matrix;
    private final Benchmark benchmark;
    private final List<String> pages;

    private LabMeasurement(TuningLab lab, Matrix matrix, Benchmark benchmark, List<String> pages) {
        this.lab = lab;
        this.matrix = matrix;
        this.benchmark = benchmark;
        this.pages = pages;
    }

    /** Builds the lab through {@code start} (a minute or so) and lists its pages. */
    public static LabMeasurement start(Supplier<TuningLab> start, Matrix matrix, Benchmark benchmark,
                                       Progress progress) {
        TuningLab lab = start.get();
        try {
            SiteConfig site = SiteConfigLoader.load(lab.writeSiteConfig());
            List<String> pages = progress.step("page list", () -> io.restorecheck.load.PageList.allPaths(site),
                    p -> p.size() + " pages");
            return new LabMeasurement(lab, matrix, benchmark, pages);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** The memcached options of a variant: its own settings over the lab's defaults. */
    static MemcachedOptions memcachedOptions(Variant v) {
        Map<String, Integer> mc = v.memcached();
        int memoryMb = mc.getOrDefault(Variant.MEMORY_MB, BASE.memoryMb());
        // memcached refuses an item size above half its memory: the default item size follows small memories.
        int itemKb = mc.getOrDefault(Variant.ITEM_SIZE_MAX_KB, Math.min(BASE.itemSizeMaxKb(), memoryMb * 512));
        return new MemcachedOptions(memoryMb, mc.getOrDefault(Variant.THREADS, BASE.threads()),
                mc.getOrDefault(Variant.MAX_CONNECTIONS, BASE.maxConnections()), itemKb);
    }

    @Override
    public Sample measure(Variant variant, int repeat) {
        try {
            lab.restartPostgres(variant.postgres());
        } catch (LabException e) {
            throw new VariantFailed("PostgreSQL did not start with " + variant.settings() + " (variant '"
                    + variant.name() + "'): " + e.getMessage(), e);
        }
        MemcachedOptions options = memcachedOptions(variant);
        try {
            lab.restartMemcached(options);
        } catch (LabException e) {
            throw new VariantFailed("memcached did not start with " + options + " (variant '" + variant.name()
                    + "'): " + e.getMessage(), e);
        }
        Map<String, Integer> asked = new LinkedHashMap<>();
        asked.put(Variant.MEMORY_MB, options.memoryMb());
        asked.put(Variant.THREADS, options.threads());
        asked.put(Variant.MAX_CONNECTIONS, options.maxConnections());
        asked.put(Variant.ITEM_SIZE_MAX_KB, options.itemSizeMaxKb());
        List<String> wrong = new ArrayList<>(SettingsVerifier.postgres(lab.jdbcUrl(), lab.user(), "",
                variant.postgres()));
        wrong.addAll(SettingsVerifier.memcached(List.of(lab.memcachedAddress()), asked));
        if (!wrong.isEmpty()) {
            throw new VariantFailed("variant '" + variant.name() + "': settings did not take effect: "
                    + String.join("; ", wrong));
        }
        return benchmark.run(new Target(lab.siteBaseUrl(), pages, List.of(lab.memcachedAddress())),
                matrix.warmUp(), matrix.duration());
    }

    @Override
    public String describe() {
        return "the lab's restored sample wiki " + lab.siteBaseUrl() + " (" + pages.size() + " pages)";
    }

    @Override
    public void close() {
        lab.close();
    }
}
