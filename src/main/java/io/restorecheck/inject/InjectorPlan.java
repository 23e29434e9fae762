package io.restorecheck.inject;

import io.restorecheck.load.LoadParameters;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What every injector of one run is told: the simulation, the whole load (each takes its share), how many injectors
 * there are and the common start time. Travels as two files, {@value #SPEC} and {@value #PAGES} (one page path a
 * line), which the local executor writes to a folder and the Kubernetes executor puts in a ConfigMap.
 */
record InjectorPlan(String simulation, LoadParameters load, int count, long startAtEpochMs) {
    static final String SPEC = "injector.properties";
    static final String PAGES = "pages.txt";
    /** Rates are split in thousandths of a request per second, so the shares add up to the rate exactly. */
    private static final long MILLI = 1000;

    InjectorPlan {
        if (count < 1) {
            throw new IllegalArgumentException("at least one injector, got " + count);
        }
        if (Math.round(load.arrivalRatePerSec() * MILLI) < count) {
            throw new IllegalArgumentException("an arrival rate of " + load.arrivalRatePerSec() + "/s cannot be"
                    + " shared by " + count + " injectors (each needs at least 0.001/s)");
        }
    }

    /**
     * Injector {@code index}'s share of a rate: rate / count, the remainder (in thousandths) one each to the first
     * injectors; the shares sum to the rate.
     */
    static double share(double ratePerSec, int count, int index) {
        long total = Math.round(ratePerSec * MILLI);
        long each = total / count + (index < total % count ? 1 : 0);
        return each / (double) MILLI;
    }

    /** The load injector {@code index} offers: its share of the rates, its own popularity draw (seed + index). */
    LoadParameters shareOf(int index) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("injector index " + index + " outside 0.." + (count - 1));
        }
        double arrival = share(load.arrivalRatePerSec(), count, index);
        double max = Math.max(arrival, share(load.maxRatePerSec(), count, index));
        return new LoadParameters(load.baseUrl(), load.pagePaths(), load.alsoVisitPaths(), load.alsoVisitShare(),
                load.popularitySkew(), arrival, max, load.duration(), load.rampSteps(), load.maxP95(),
                load.maxErrorRatio(), load.seed() + index);
    }

    /** The spec file's text (the page list goes separately, {@link #pagesText()}). */
    String specText() {
        Properties p = new Properties();
        p.setProperty("simulation", simulation);
        p.setProperty("count", Integer.toString(count));
        p.setProperty("start-at-epoch-ms", Long.toString(startAtEpochMs));
        p.setProperty("base-url", load.baseUrl().toString());
        p.setProperty("also-visit", String.join("\n", load.alsoVisitPaths()));
        p.setProperty("also-visit-share", Double.toString(load.alsoVisitShare()));
        p.setProperty("popularity-skew", Double.toString(load.popularitySkew()));
        p.setProperty("arrival-rate", Double.toString(load.arrivalRatePerSec()));
        p.setProperty("max-rate", Double.toString(load.maxRatePerSec()));
        p.setProperty("duration-ms", Long.toString(load.duration().toMillis()));
        p.setProperty("ramp-steps", Integer.toString(load.rampSteps()));
        p.setProperty("max-p95-ms", Long.toString(load.maxP95().toMillis()));
        p.setProperty("max-error-ratio", Double.toString(load.maxErrorRatio()));
        p.setProperty("seed", Long.toString(load.seed()));
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            p.store(w, "restorecheck injector plan: every injector takes its share (see docs/injectors.md)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Properties.store dates its output; the plan's text must depend on the plan only.
        return w.toString().lines().filter(l -> !l.startsWith("#") || l.startsWith("#restorecheck"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    String pagesText() {
        return String.join("\n", load.pagePaths()) + "\n";
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve(SPEC), StandardCharsets.UTF_8)) {
                w.write(specText());
            }
            Files.writeString(dir.resolve(PAGES), pagesText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the injector plan to " + dir, e);
        }
    }

    static InjectorPlan read(Path dir) {
        Properties p = new Properties();
        Path spec = dir.resolve(SPEC);
        try (Reader r = Files.newBufferedReader(spec, StandardCharsets.UTF_8)) {
            p.load(r);
            List<String> pages = Files.readAllLines(dir.resolve(PAGES)).stream().filter(s -> !s.isBlank()).toList();
            String also = p.getProperty("also-visit", "");
            LoadParameters load = new LoadParameters(URI.create(get(p, "base-url", spec)), pages,
                    also.isEmpty() ? List.of() : Arrays.asList(also.split("\n")),
                    Double.parseDouble(get(p, "also-visit-share", spec)),
                    Double.parseDouble(get(p, "popularity-skew", spec)),
                    Double.parseDouble(get(p, "arrival-rate", spec)), Double.parseDouble(get(p, "max-rate", spec)),
                    Duration.ofMillis(Long.parseLong(get(p, "duration-ms", spec))),
                    Integer.parseInt(get(p, "ramp-steps", spec)),
                    Duration.ofMillis(Long.parseLong(get(p, "max-p95-ms", spec))),
                    Double.parseDouble(get(p, "max-error-ratio", spec)), Long.parseLong(get(p, "seed", spec)));
            return new InjectorPlan(get(p, "simulation", spec), load, Integer.parseInt(get(p, "count", spec)),
                    Long.parseLong(get(p, "start-at-epoch-ms", spec)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the injector plan in " + dir, e);
        }
    }

    private static String get(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(file + " lacks " + key + " (written by another restorecheck version?)");
        }
        return v;
    }
}
