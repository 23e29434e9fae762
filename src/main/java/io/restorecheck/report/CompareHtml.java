package io.restorecheck.report;

/**
 * {@code compare.html}: the two runs' checks and metrics side by side in one self-contained page (no scripts), rows
 * that changed highlighted, with links to each run's own {@code index.html} when they exist.
 */
final class CompareHtml {
    private CompareHtml() {
    }

    /** The page; {@code linkA} and {@code linkB} are relative links to the runs' index.html, or null. */
    static String html(Compare.Result r, String linkA, String linkB) {
        StringBuilder h = new StringBuilder(8_192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>restorecheck compare: ")
                .append(esc(r.a())).append(" vs ").append(esc(r.b())).append("</title>\n<style>\n").append(STYLE)
                .append("</style></head><body>\n");
        h.append("<h1>restorecheck compare</h1>\n<p>A = ").append(run(r.a(), linkA)).append(", B = ")
                .append(run(r.b(), linkB)).append(": <b>").append(r.changedChecks()).append(" check")
                .append(r.changedChecks() == 1 ? "" : "s").append(" changed status, ").append(r.changedMetrics())
                .append(" metric").append(r.changedMetrics() == 1 ? " differs" : "s differ")
                .append("</b>. Highlighted rows changed; deltas are B - A.</p>\n");
        h.append("<h2>Checks</h2>\n<table id=\"checks\"><tr><th>check</th><th>A</th><th>B</th></tr>\n");
        for (Compare.CheckRow c : r.checks()) {
            h.append("<tr").append(c.changed() ? " class=\"changed\"" : "").append("><td><code>").append(esc(c.id()))
                    .append("</code></td>").append(status(c.a())).append(status(c.b())).append("</tr>\n");
        }
        h.append("</table>\n<h2>Metrics</h2>\n");
        if (r.metrics().isEmpty()) {
            h.append("<p>No numeric metrics in either run.</p>\n");
        } else {
            h.append("<table id=\"metrics\"><tr><th>metric</th><th>A</th><th>B</th><th>delta</th><th>delta %</th>"
                    + "</tr>\n");
            for (Compare.MetricRow m : r.metrics()) {
                h.append("<tr").append(m.changed() ? " class=\"changed\"" : "").append("><td><code>")
                        .append(esc(m.path())).append("</code></td><td class=\"n\">")
                        .append(CompareTables.number(m.a(), false)).append("</td><td class=\"n\">")
                        .append(CompareTables.number(m.b(), false)).append("</td><td class=\"n\">")
                        .append(CompareTables.number(m.delta(), true)).append("</td><td class=\"n\">")
                        .append(m.deltaPercent() == null ? "-" : CompareTables.number(m.deltaPercent(), true) + "%")
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<p><a href=\"compare.json\">compare.json</a> · <a href=\"compare.md\">compare.md</a></p>\n");
        return h.append("</body></html>\n").toString();
    }

    private static String run(String name, String link) {
        return link == null ? "<code>" + esc(name) + "</code>"
                : "<a href=\"" + esc(link) + "\"><code>" + esc(name) + "</code></a>";
    }

    private static String status(String s) {
        return s == null ? "<td class=\"missing\">-</td>" : "<td class=\"" + esc(s) + "\">" + esc(s) + "</td>";
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; max-width: 80em; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
            th, td { border: 1px solid #d0d7de; padding: .3em .5em; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            tr.changed td { background: #fff8c5; }
            tr.changed td:first-child { border-left: 4px solid #bf8700; }
            td.passed { color: #1a7f37; font-weight: bold; } td.failed, td.broken { color: #cf222e; font-weight: bold; }
            td.skipped { color: #9a6700; } td.missing { color: #8c959f; }
            """;
}
