package io.restorecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.demo.DemoRuns;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reports as an operator opens them: Debian's headless chromium loads the shared healthy demo's Allure report
 * and index.html from disk (file://). The Allure overview must show the number of checks, not "Loading..." (the
 * multi-file report's XHR is blocked on file URLs); index.html must show the restore timeline, the cache chart,
 * the capacity curve and the per-table comparison. Screenshots and DOMs land in target/report-browser-it/.
 */
class ReportBrowserIT {
    private static final Path OUT = Path.of("target", "report-browser-it").toAbsolutePath();
    private static String chromium;

    @BeforeAll
    static void chromiumRuns() throws Exception {
        chromium = Stream.of("chromium", "chromium-browser").map(ReportBrowserIT::onPath).filter(p -> p != null)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium; .ci/run "
                + "installs it): the reports cannot be opened in a browser here");
        Process p = new ProcessBuilder(chromium, "--version").redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(done && p.exitValue() == 0, "chromium cannot run here: " + out);
    }

    @Test
    void allureOpensFromDiskWithTheChecksAndIndexShowsThePictures() throws Exception {
        DemoRuns.Run demo = DemoRuns.healthy();
        clean(OUT);
        // A copy, so the shared run stays as the other tests expect it (no Allure report: they turn it off).
        Path first = copy(demo.dir(), OUT.resolve("reports").resolve(demo.dir().getFileName()));
        Path results = first.resolve("allure-results");
        Properties env = new Properties();
        try (var in = Files.newBufferedReader(results.resolve("environment.properties"))) {
            env.load(in);
        }
        assertTrue(env.getProperty("restorecheck commit", "").matches("[0-9a-f]{7,40}|unknown"), env.toString());
        assertTrue(env.getProperty("target", "").startsWith("http://127.0.0.1:"), env.toString());
        assertTrue(env.getProperty("postgresql", "").matches("\\d+\\.\\d+.*"), env.toString());
        assertTrue(env.stringPropertyNames().stream().anyMatch(k -> k.startsWith("memcached ")
                && env.getProperty(k).matches("\\d+\\.\\d+.*")), env.toString());
        assertTrue(Files.readString(results.resolve("executor.json")).contains("\"name\""));

        AllureReport.Outcome outcome = generate(first);
        assertTrue(outcome.index().isPresent(), outcome.reason());
        try (Stream<Path> files = Files.list(first.resolve("allure-report"))) {
            assertEquals(Set.of("index.html", "history"), new HashSet<>(files.map(f -> f.getFileName().toString())
                    .toList()), "single-file report: its data is inline, its history unpacked for the next run");
        }
        long checks;
        try (Stream<Path> files = Files.list(results)) {
            checks = files.filter(f -> f.getFileName().toString().endsWith("-result.json")).count();
        }
        String dom = dom(first.resolve("allure-report/index.html"), "allure-overview", 1000);
        assertFalse(dom.contains("Loading..."), "the overview still says Loading...: see " + OUT);
        Matcher total = Pattern.compile("class=\"splash__title\">(\\d+)<").matcher(dom);
        assertTrue(total.find(), "no test-case count on the overview; DOM in " + OUT);
        assertEquals(checks, Long.parseLong(total.group(1)), "checks on the overview");
        assertTrue(dom.contains("archive: WAL continuity, timeline, replay to the end"), "readable suite names");
        assertFalse(dom.contains("io.restorecheck.suites."), "a suite shown by its class name");
        assertTrue(dom.contains(env.getProperty("postgresql")) && dom.contains(env.getProperty("target")),
                "the Environment panel shows the run's facts");

        String index = dom(first.resolve("index.html"), "index", 4000);
        for (String png : List.of(RestoreTimelineChart.FILE, CacheChart.FILE, "capacity-curve.png")) {
            assertTrue(index.contains("<img src=\"" + png + "\""), png + " not on index.html");
            BufferedImage image = ImageIO.read(first.resolve(png).toFile());
            assertTrue(image.getWidth() >= 800, png);
        }
        assertTrue(index.contains("Tables compared with the reference") && index.contains("<code>curPages</code>"),
                "the per-table comparison is missing");
        assertTrue(colours(OUT.resolve("index.png")) > 50, "index.png looks blank");
        assertTrue(colours(OUT.resolve("allure-overview.png")) > 50, "allure-overview.png looks blank");
    }

    private static AllureReport.Outcome generate(Path run) {
        String before = System.getProperty(AllureReport.ENABLED_PROPERTY);
        System.setProperty(AllureReport.ENABLED_PROPERTY, "true");
        try {
            return AllureReport.generate(RunDirectory.existing(run), Map.of());
        } finally {
            if (before == null) {
                System.clearProperty(AllureReport.ENABLED_PROPERTY);
            } else {
                System.setProperty(AllureReport.ENABLED_PROPERTY, before);
            }
        }
    }

    /** Loads the page from file:// in headless chromium: writes NAME.png (screenshot) and returns the DOM. */
    private static String dom(Path page, String name, int height) throws Exception {
        String url = page.toUri().toString();
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--virtual-time-budget=10000");
        List<String> shot = new ArrayList<>(common);
        shot.addAll(List.of("--window-size=1280," + height, "--screenshot=" + OUT.resolve(name + ".png"), url));
        run(shot, OUT.resolve(name + "-screenshot.log"));
        List<String> dump = new ArrayList<>(common);
        dump.addAll(List.of("--dump-dom", url));
        String dom = run(dump, OUT.resolve(name + "-dom.log"));
        Files.writeString(OUT.resolve(name + "-dom.html"), dom);
        return dom;
    }

    private static String run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish: " + command);
        assertEquals(0, p.exitValue(), "chromium failed, see " + log);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int colours(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }
}
