package io.restorecheck.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code index.html} of a run: the verdict and the table of checks at the top, then links to the Allure and
 * Gatling reports and the raw files, charts, and the metrics. One self-contained file, no scripts.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static void write(RunDirectory run, Summary summary, String allureNote) {
        StringBuilder html = new StringBuilder(8_192);
        boolean pass = "pass".equals(summary.verdict());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>restorecheck ")
                .append(esc(summary.command())).append(": ").append(summary.verdict().toUpperCase())
                .append("</title>\n<style>\n").append(STYLE).append("</style></head><body>\n");
        html.append("<h1 class=\"").append(pass ? "pass" : "fail").append("\">restorecheck ")
                .append(esc(summary.command())).append(": ").append(summary.verdict().toUpperCase()).append("</h1>\n");
        long failed = summary.checks().stream().filter(c -> c.status() != CheckStatus.PASSED
                && c.status() != CheckStatus.SKIPPED).count();
        html.append("<p>").append(summary.checks().size()).append(" checks, ").append(failed)
                .append(" failed or broken. Started ").append(esc(summary.started())).append(", finished ")
                .append(esc(summary.finished())).append(".</p>\n");
        html.append("<table><tr><th>check</th><th>status</th><th>measured</th><th>expected</th><th>message</th></tr>\n");
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
        for (Path png : files(run.path(), ".png")) {
            String name = run.path().relativize(png).toString();
            html.append("<h2>").append(esc(name)).append("</h2>\n<img src=\"").append(esc(name)).append("\" alt=\"")
                    .append(esc(name)).append("\">\n");
        }
        if (!summary.metrics().isEmpty()) {
            html.append("<h2>Metrics</h2>\n<pre>");
            try {
                html.append(esc(SummaryWriter.json().writeValueAsString(summary.metrics())));
            } catch (IOException e) {
                html.append(esc(String.valueOf(summary.metrics())));
            }
            html.append("</pre>\n");
        }
        html.append("</body></html>\n");
        try {
            Files.writeString(run.resolve("index.html"), html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.resolve("index.html"), e);
        }
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
            body { font-family: system-ui, sans-serif; margin: 2em; max-width: 80em; }
            h1.pass { color: #1a7f37; } h1.fail { color: #cf222e; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border: 1px solid #d0d7de; padding: .3em .5em; vertical-align: top; text-align: left; }
            tr.passed td:nth-child(2) { color: #1a7f37; font-weight: bold; }
            tr.failed td:nth-child(2), tr.broken td:nth-child(2) { color: #cf222e; font-weight: bold; }
            tr.skipped td:nth-child(2) { color: #9a6700; }
            td:last-child { white-space: pre-wrap; }
            pre { background: #f6f8fa; padding: 1em; overflow: auto; }
            img { max-width: 100%; border: 1px solid #d0d7de; }
            """;
}
