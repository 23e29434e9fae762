package io.restorecheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The restore timeline, the cache chart and index.html's tables, from metrics shaped as a demo run writes them. */
class RunPicturesTest {
    static final Path OUT = Path.of("target", "run-pictures-test");

    static Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("base_backup_label", "restorecheck demo");
        t.put("base_backup_start", "2026-12-05T19:28:20Z");
        t.put("base_backup_stop", "2026-12-05T19:28:22Z");
        t.put("archive_last_commit", "2026-12-05T19:28:37.744Z");
        t.put("outage", "2026-12-05T19:28:37.890Z");
        t.put("end_of_recovery", "2026-12-05T19:28:37.744Z");
        t.put("max_data_loss_s", 30.0);
        m.put("restore_timeline", t);
        m.put("cache", Map.of("series", List.of(
                sample(0.0, "before", null, 1357),
                sample(0.3, "warm-up", 0.67, 1423),
                sample(5.0, "load", 0.98, 1500),
                sample(10.0, "load", 1.0, 1510),
                sample(12.0, "load", null, 1510),
                sample(14.0, "load", 0.9, 1520))));
        m.put("integrity.compare.curPages.rows", 2000);
        m.put("integrity.compare.curPages.restored_rows", 2000);
        m.put("integrity.compare.curPages.latest", "2026-12-05 19:28:37.743082+00");
        m.put("integrity.compare.curPages.restored_latest", "2026-12-05 19:28:37.743082+00");
        m.put("integrity.compare.curPages.segments", 1);
        m.put("integrity.compare.curPages.differences", 0);
        m.put("integrity.compare.curPages.seconds", 0.039);
        m.put("integrity.compare.allPages.rows", 6023);
        m.put("integrity.compare.allPages.restored_rows", 6020);
        m.put("integrity.compare.allPages.segments", 4);
        m.put("integrity.compare.allPages.differences", 3);
        m.put("integrity.compare.allPages.seconds", 0.072);
        m.put("load", Map.of("warm", Map.of("requests", List.of(Map.of("name", "view page", "p95_ms", 4)))));
        return m;
    }

    private static Map<String, Object> sample(double t, String phase, Double ratio, long items) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("t_s", t);
        s.put("phase", phase);
        s.put("curr_items", items);
        s.put("window_hit_ratio", ratio);
        return s;
    }

    private static JsonNode json() {
        return SummaryWriter.json().valueToTree(metrics());
    }

    @Test
    void timelineDrawsEachMomentInItsLaneRelativeToTheOutage() throws Exception {
        XYChart chart = RestoreTimelineChart.chart(RestoreTimelineChart.Moments.from(json()).orElseThrow());
        Map<String, XYSeries> s = chart.getSeriesMap();
        assertEquals(List.of("base backup start-stop", "archive's last commit", "restored server's last replayed commit",
                "data loss", "max-data-loss allowed"), List.copyOf(s.keySet()));
        assertArrayEquals(new double[] {-17.89, -15.89}, s.get("base backup start-stop").getXData(), 1e-6);
        assertArrayEquals(new double[] {5, 5}, s.get("base backup start-stop").getYData(), 0);
        assertArrayEquals(new double[] {-0.146, 0}, s.get("data loss").getXData(), 1e-6);
        assertArrayEquals(new double[] {-30, 0}, s.get("max-data-loss allowed").getXData(), 1e-6);
        assertTrue(chart.getTitle().contains("data loss 0.146 s (max-data-loss 30 s)"), chart.getTitle());
        assertEquals(null, chart.getStyler().getXAxisMin(), "30 s is not far longer than the events: not clipped");
        assertTrue(chart.getXAxisTitle().startsWith("s relative to the outage at 2026-12-05T19:28:37.890Z"),
                chart.getXAxisTitle());
        assertEquals("data loss", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(2.0));
        assertEquals("", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(2.5).strip());
    }

    @Test
    void aMaxDataLossFarLongerThanTheEventsIsClippedNotSquashingThem() {
        Map<String, Object> m = metrics();
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) m.get("restore_timeline");
        t.put("max_data_loss_s", 3600.0);
        XYChart chart = RestoreTimelineChart.chart(RestoreTimelineChart.Moments.from(
                SummaryWriter.json().valueToTree(m)).orElseThrow());
        // the events span 17.89 s: the axis shows 1.25 times that, the 1 h bar starts at its left edge
        assertEquals(-17.89 * 1.25, chart.getStyler().getXAxisMin(), 1e-6);
        assertArrayEquals(new double[] {-17.89 * 1.25, 0}, chart.getSeriesMap().get("max-data-loss allowed").getXData(),
                1e-3);
        Charts.png(chart, OUT.resolve("restore-timeline-clipped.png"));
    }

    @Test
    void cacheChartLeavesOutWindowsWithoutGetsAndPutsItemsOnTheRightAxis() {
        XYChart chart = CacheChart.chart(CacheChart.samples(json()), 0.8);
        XYSeries ratio = chart.getSeriesMap().get(CacheChart.HIT_RATIO);
        assertArrayEquals(new double[] {0.3, 5.0, 10.0}, ratio.getXData(), 0);
        assertArrayEquals(new double[] {0.67, 0.98, 1.0}, ratio.getYData(), 0);
        // the window without gets at 12 s breaks the line rather than joining 10 s to 14 s
        assertArrayEquals(new double[] {14.0}, chart.getSeriesMap().get(CacheChart.HIT_RATIO + " 2").getXData(), 0);
        XYSeries items = chart.getSeriesMap().get("items held (curr_items)");
        assertArrayEquals(new double[] {1357, 1423, 1500, 1510, 1510, 1520}, items.getYData(), 0);
        assertEquals(1, items.getYAxisGroup());
        assertArrayEquals(new double[] {0.8, 0.8}, chart.getSeriesMap().get("min-hit-ratio 0.80").getYData(), 0);
    }

    @Test
    void indexShowsPicturesTablesAndNoRawJson() throws Exception {
        Files.createDirectories(OUT);
        RunDirectory run = RunDirectory.create(OUT, "demo", LocalDateTime.now());
        Summary summary = new Summary("demo", "2026-12-05T19:28:00Z", "2026-12-05T19:30:00Z",
                List.of(CheckResult.passed("cache.hit-ratio", 1.0, 0.8, "ratio", "hit ratio 1.0"),
                        CheckResult.failed("integrity.tables.rowcount", 8020, 8023, "rows", "allPages lost 3")),
                metrics());
        SummaryWriter.write(run, summary);
        HtmlReport.write(run, summary, "turned off", Map.of("target", "http://127.0.0.1:8080"));
        String html = Files.readString(run.resolve("index.html"));
        assertEquals(1000, ImageIO.read(run.resolve(RestoreTimelineChart.FILE).toFile()).getWidth());
        assertEquals(1000, ImageIO.read(run.resolve(CacheChart.FILE).toFile()).getWidth());
        assertTrue(html.indexOf("Failed checks") < html.indexOf("<h2>Checks"), "failed checks come first");
        assertTrue(html.indexOf("<p class=\"open\">Open: <a href=\"summary.json\">") < html.indexOf("Failed checks"),
                html);
        assertTrue(html.contains("<img src=\"restore-timeline.png\""), html);
        assertTrue(html.contains("<img src=\"cache-over-load.png\""), html);
        assertTrue(html.contains("<tr class=\"failed\"><td><code>allPages</code></td><td class=\"num\">6023</td>"
                + "<td class=\"num\">6020</td>"), html);
        assertTrue(html.contains("<caption>load.warm.requests (1)</caption>"), html);
        assertTrue(html.contains("<th>target</th><td>http://127.0.0.1:8080</td>"), html);
        assertTrue(html.contains("<a href=\"summary.json\">"), html);
        assertFalse(html.contains("<pre>"), "no raw JSON inline");
    }
}
