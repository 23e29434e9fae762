package io.restorecheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code index.html} of a run, for a person: the verdict and the failed checks first, then the table of checks,
 * links to the Allure and Gatling reports and the raw files, what the run was pointed at, then pictures (restore
 * timeline, cache over the load, capacity curve and any other chart of the run), the per-table comparison as a
 * table, and the metrics as tables; the raw JSON is summary.json, one click away. One file, no scripts.
 */
final class HtmlReport {
    /** Charts written beside index.html and shown first, in this order; other PNGs of the run follow. */
    private static final List<String[]> PICTURES = List.of(
            new String[] {RestoreTimelineChart.FILE, "Restore timeline"},
            new String[] {CacheChart.FILE, "Cache over the load"},
            new String[] {"capacity-curve.png", "Capacity curve"});

    private HtmlReport() {
    }

    static void write(RunDirectory run, Summary summary, String allureNote, Map<String, String> environment) {
        JsonNode metrics = SummaryWriter.json().valueToTree(summary.metrics());
        List<String> notes = charts(run, summary, metrics);
        StringBuilder html = new StringBuilder(16_384);
        boolean pass = "pass".equals(summary.verdict());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>restorecheck ")
                .append(esc(summary.command())).append(": ").append(summary.verdict().toUpperCase())
                .append("</title>\n<style>\n").append(STYLE).append("</style></head><body>\n");
        html.append("<h1 class=\"").append(pass ? "pass" : "fail").append("\">restorecheck ")
                .append(esc(summary.command())).append(": ").append(summary.verdict().toUpperCase()).append("</h1>\n");
        List<CheckResult> failed = summary.checks().stream().filter(c -> c.status() == CheckStatus.FAILED
                || c.status() == CheckStatus.BROKEN).toList();
        html.append("<p>").append(summary.checks().size()).append(" checks, ").append(failed.size())
                .append(" failed or broken. Started ").append(esc(summary.started())).append(", finished ")
                .append(esc(summary.finished())).append(".</p>\n");
        // The reports a person opens next, one line under the verdict; the full list of files follows the checks.
        List<String> top = links(run, allureNote).stream().filter(l -> l[1] != null && (l[1].endsWith("index.html")
                || l[1].equals("summary.json"))).map(l -> "<a href=\"" + esc(l[1]) + "\">" + esc(l[0]) + "</a>")
                .toList();
        if (!top.isEmpty()) {
            html.append("<p class=\"open\">Open: ").append(String.join(" · ", top)).append("</p>\n");
        }
        if (!failed.isEmpty()) {
            html.append("<div class=\"failed\"><h2>Failed checks</h2>\n<ul>\n");
            for (CheckResult c : failed) {
                html.append("<li><code>").append(esc(c.id())).append("</code> ").append(c.status().json())
                        .append(": ").append(esc(c.message())).append("</li>\n");
            }
            html.append("</ul></div>\n");
        }
        html.append("<h2>Checks</h2>\n<table class=\"checks\"><tr><th>check</th><th>status</th><th>measured</th>"
                + "<th>expected</th><th>message</th></tr>\n");
        for (CheckResult c : summary.checks()) {
            html.append("<tr class=\"").append(c.status().json()).append("\"><td><code>").append(esc(c.id()))
                    .append("</code></td><td>").append(c.status().json()).append("</td><td>")
                    .append(esc(value(c.measured(), c.unit()))).append("</td><td>")
                    .append(esc(value(c.expected(), c.unit()))).append("</td><td>").append(esc(c.message()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Reports and files</h2>\n<ul>\n");
        for (String[] link : links(run, allureNote)) {
            html.append("<li>").append(link[1] == null ? esc(link[0])
                    : "<a href=\"" + esc(link[1]) + "\">" + esc(link[0]) + "</a>").append("</li>\n");
        }
        html.append("</ul>\n");
        if (!environment.isEmpty()) {
            html.append("<h2>Environment</h2>\n<table class=\"kv\">\n");
            environment.forEach((k, v) -> html.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v))
                    .append("</td></tr>\n"));
            html.append("</table>\n");
        }
        pictures(html, run, notes);
        tables(html, metrics);
        metricsTables(html, metrics);
        html.append("</body></html>\n");
        try {
            Files.writeString(run.resolve("index.html"), html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.resolve("index.html"), e);
        }
    }

    /** Draws the timeline and cache charts the metrics allow; returns why a chart could not be drawn. */
    private static List<String> charts(RunDirectory run, Summary summary, JsonNode metrics) {
        List<String> notes = new ArrayList<>();
        try {
            Optional<RestoreTimelineChart.Moments> moments = RestoreTimelineChart.Moments.from(metrics);
            if (moments.isPresent()) {
                Charts.png(RestoreTimelineChart.chart(moments.get()), run.resolve(RestoreTimelineChart.FILE));
            }
            List<CacheChart.Sample> samples = CacheChart.samples(metrics);
            if (!samples.isEmpty()) {
                double floor = summary.checks().stream().filter(c -> c.id().equals("cache.hit-ratio"))
                        .map(CheckResult::expected).filter(Number.class::isInstance)
                        .mapToDouble(e -> ((Number) e).doubleValue()).findFirst().orElse(0);
                Charts.png(CacheChart.chart(samples, floor), run.resolve(CacheChart.FILE));
            }
        } catch (RuntimeException | LinkageError e) {
            // A JVM without fonts or a chart the data cannot make: index.html still shows everything else.
            notes.add("a chart could not be drawn: " + e);
        }
        return notes;
    }

    private static void pictures(StringBuilder html, RunDirectory run, List<String> notes) {
        Set<String> shown = new LinkedHashSet<>();
        List<String[]> pictures = new ArrayList<>();
        for (String[] p : PICTURES) {
            if (Files.isRegularFile(run.resolve(p[0]))) {
                pictures.add(p);
                shown.add(p[0]);
            }
        }
        for (Path png : files(run.path(), ".png")) {
            String name = run.path().relativize(png).toString();
            if (shown.add(name)) {
                pictures.add(new String[] {name, name});
            }
        }
        if (pictures.isEmpty() && notes.isEmpty()) {
            return;
        }
        html.append("<h2>Pictures</h2>\n");
        for (String note : notes) {
            html.append("<p>").append(esc(note)).append("</p>\n");
        }
        for (String[] p : pictures) {
            html.append("<figure><figcaption>").append(esc(p[1])).append("</figcaption><img src=\"")
                    .append(esc(p[0])).append("\" alt=\"").append(esc(p[1])).append("\"></figure>\n");
        }
    }

    /** The per-table comparison from the {@code integrity.compare.<table>.*} metrics. */
    private static void tables(StringBuilder html, JsonNode metrics) {
        String prefix = "integrity.compare.";
        Map<String, Map<String, JsonNode>> byTable = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(prefix)) {
                String rest = e.getKey().substring(prefix.length());
                int dot = rest.lastIndexOf('.');
                if (dot > 0) {
                    byTable.computeIfAbsent(rest.substring(0, dot), t -> new LinkedHashMap<>())
                            .put(rest.substring(dot + 1), e.getValue());
                }
            }
        }
        if (byTable.isEmpty()) {
            return;
        }
        html.append("<h2>Tables compared with the reference</h2>\n<table class=\"compare\"><tr><th>table</th>"
                + "<th>rows (reference)</th><th>rows (restored)</th><th>latest edit (reference)</th>"
                + "<th>latest edit (restored)</th><th>segments</th><th>differences</th><th>seconds</th></tr>\n");
        byTable.forEach((table, f) -> {
            JsonNode diff = f.get("differences");
            boolean bad = diff != null && !(diff.isNumber() && diff.asLong() == 0)
                    || f.containsKey("restored_rows") && f.containsKey("rows")
                    && f.get("rows").asLong() != f.get("restored_rows").asLong();
            html.append("<tr class=\"").append(bad ? "failed" : "passed").append("\"><td><code>").append(esc(table))
                    .append("</code></td>");
            for (String k : List.of("rows", "restored_rows", "latest", "restored_latest", "segments", "differences",
                    "seconds")) {
                JsonNode v = f.get(k);
                html.append(v != null && v.isNumber() ? "<td class=\"num\">" : "<td>")
                        .append(v == null || v.isNull() ? "" : esc(v.asText())).append("</td>");
            }
            html.append("</tr>\n");
        });
        html.append("</table>\n");
    }

    /** Each metric group as a table: nested objects flattened to dotted names, lists of objects as row tables. */
    private static void metricsTables(StringBuilder html, JsonNode metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        html.append("<h2>Metrics</h2>\n<p>As measured; the same numbers as JSON: <a href=\"summary.json\">"
                + "summary.json</a>.</p>\n");
        Map<String, Map<String, JsonNode>> groups = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int dot = e.getKey().indexOf('.');
            String group = dot < 0 ? e.getKey() : e.getKey().substring(0, dot);
            String name = dot < 0 ? "" : e.getKey().substring(dot + 1);
            flatten(groups.computeIfAbsent(group, g -> new TreeMap<>()), name, e.getValue());
        }
        groups.forEach((group, values) -> {
            html.append("<h3>").append(esc(group)).append("</h3>\n");
            List<Map.Entry<String, JsonNode>> lists = new ArrayList<>();
            html.append("<table class=\"kv\">\n");
            values.forEach((k, v) -> {
                if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                    lists.add(Map.entry(k, v));
                } else {
                    html.append("<tr><th>").append(esc(k.isEmpty() ? group : k)).append("</th><td")
                            .append(v.isNumber() ? " class=\"num\">" : ">").append(esc(text(v)))
                            .append("</td></tr>\n");
                }
            });
            html.append("</table>\n");
            for (Map.Entry<String, JsonNode> list : lists) {
                rowsTable(html, group + (list.getKey().isEmpty() ? "" : "." + list.getKey()), list.getValue());
            }
        });
    }

    private static void flatten(Map<String, JsonNode> into, String name, JsonNode v) {
        if (v.isObject() && v.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(into, name.isEmpty() ? e.getKey() : name + "." + e.getKey(), e.getValue());
            }
        } else {
            into.put(name, v);
        }
    }

    private static void rowsTable(StringBuilder html, String name, JsonNode rows) {
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode row : rows) {
            row.fieldNames().forEachRemaining(columns::add);
        }
        html.append("<table class=\"rows\"><caption>").append(esc(name)).append(" (").append(rows.size())
                .append(")</caption><tr>");
        columns.forEach(c -> html.append("<th>").append(esc(c)).append("</th>"));
        html.append("</tr>\n");
        for (JsonNode row : rows) {
            html.append("<tr>");
            for (String c : columns) {
                JsonNode v = row.path(c);
                html.append(v.isNumber() ? "<td class=\"num\">" : "<td>").append(esc(v.isMissingNode() ? ""
                        : text(v))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String text(JsonNode v) {
        if (v.isNull()) {
            return "";
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(text(i)));
            return String.join(", ", items);
        }
        return v.toString();
    }

    private static List<String[]> links(RunDirectory run, String allureNote) {
        List<String[]> links = new ArrayList<>();
        Path root = run.path();
        if (Files.isRegularFile(root.resolve("allure-report/index.html"))) {
            links.add(new String[] {"Allure report (checks with their evidence, history trends)",
                    "allure-report/index.html"});
        } else if (allureNote != null && !allureNote.isEmpty()) {
            links.add(new String[] {"Allure report not generated: " + allureNote, null});
        }
        for (Path gatling : files(root.resolve("gatling"), "index.html")) {
            links.add(new String[] {"Gatling report: " + root.resolve("gatling").relativize(gatling.getParent()),
                    root.relativize(gatling).toString()});
        }
        for (String file : List.of("summary.md", "summary.json", "site.conf", "compare.html", "compare.md", "bench-history.jsonl",
                "tune.md")) {
            if (Files.isRegularFile(root.resolve(file))) {
                links.add(new String[] {file, file});
            }
        }
        for (String dir : List.of("junit", "allure-results", "gatling")) {
            if (Files.isDirectory(root.resolve(dir))) {
                links.add(new String[] {dir + "/", dir + "/"});
            }
        }
        return links;
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .filter(p -> !p.startsWith(dir.resolve("allure-report")))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String value(Object v, String unit) {
        return v == null ? "" : v + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; max-width: 80em; color: #1f2328; }
            h1.pass { color: #1a7f37; } h1.fail { color: #cf222e; }
            h2 { margin-top: 1.6em; border-bottom: 1px solid #d0d7de; padding-bottom: .2em; }
            h3 { margin: 1.2em 0 .4em; }
            div.failed { border-left: 4px solid #cf222e; padding: 0 1em; background: #fff5f5; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
            table.kv { width: auto; min-width: 40em; }
            table.kv th { font-weight: normal; color: #59636e; white-space: nowrap; }
            th, td { border: 1px solid #d0d7de; padding: .3em .5em; vertical-align: top; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            caption { text-align: left; font-weight: bold; padding: .3em 0; }
            tr.passed td:nth-child(2) { color: #1a7f37; font-weight: bold; }
            tr.failed td:nth-child(2), tr.broken td:nth-child(2) { color: #cf222e; font-weight: bold; }
            tr.skipped td:nth-child(2) { color: #9a6700; }
            table.checks td:last-child { white-space: pre-wrap; }
            table.compare tr.passed td:nth-child(2), table.compare tr.failed td:nth-child(2) { font-weight: normal;
              color: inherit; }
            table.compare tr.failed td:first-child { color: #cf222e; font-weight: bold; }
            figure { margin: 1em 0; } figcaption { font-weight: bold; margin-bottom: .3em; }
            img { max-width: 100%; border: 1px solid #d0d7de; }
            """;
}
