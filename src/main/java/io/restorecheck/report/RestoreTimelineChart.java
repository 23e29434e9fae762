package io.restorecheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The restore timeline of index.html, from the {@code restore_timeline} metric: one lane per fact, time relative
 * to the outage (or to the archive's last commit when no outage time is known), in s, min or h as the span needs.
 * Lanes from the top: the base backup (start to stop), the archive's last commit, the restored server's end of
 * recovery (its last replayed commit), the data loss (last commit to outage) and the max-data-loss allowed before
 * the outage; a vertical line marks the outage.
 */
final class RestoreTimelineChart {
    static final String FILE = "restore-timeline.png";
    static final Map<Integer, String> LANES = Map.of(5, "base backup", 4, "archive's last commit",
            3, "restored: end of recovery", 2, "data loss", 1, "max-data-loss");

    /** The moments, each empty when unknown. */
    record Moments(Optional<Instant> backupStart, Optional<Instant> backupStop, Optional<Instant> lastCommit,
                   Optional<Instant> outage, Optional<Instant> endOfRecovery, Optional<Duration> maxDataLoss) {
        static Optional<Moments> from(JsonNode metrics) {
            JsonNode t = metrics.path("restore_timeline");
            if (!t.isObject()) {
                return Optional.empty();
            }
            Optional<Instant> outage = instant(t, "outage");
            if (outage.isEmpty()) {
                outage = instant(metrics.path("demo"), "outage_at");
            }
            Optional<Duration> max = t.path("max_data_loss_s").isNumber()
                    ? Optional.of(Duration.ofMillis(Math.round(t.path("max_data_loss_s").asDouble() * 1000)))
                    : Optional.empty();
            Moments m = new Moments(instant(t, "base_backup_start"), instant(t, "base_backup_stop"),
                    instant(t, "archive_last_commit"), outage, instant(t, "end_of_recovery"), max);
            return m.origin().isPresent() ? Optional.of(m) : Optional.empty();
        }

        private static Optional<Instant> instant(JsonNode node, String field) {
            try {
                return node.path(field).isTextual() ? Optional.of(Instant.parse(node.path(field).asText()))
                        : Optional.empty();
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }

        /** Time zero of the chart. */
        Optional<Instant> origin() {
            return outage.or(() -> lastCommit);
        }

        /** The data loss: from the archive's last commit to the outage. */
        Optional<Duration> dataLoss() {
            return lastCommit.isPresent() && outage.isPresent()
                    ? Optional.of(Duration.between(lastCommit.get(), outage.get())) : Optional.empty();
        }
    }

    private RestoreTimelineChart() {
    }

    static XYChart chart(Moments m) {
        Instant zero = m.origin().orElseThrow();
        List<Instant> all = new ArrayList<>();
        for (Optional<Instant> t : List.of(m.backupStart(), m.backupStop(), m.lastCommit(), m.outage(),
                m.endOfRecovery())) {
            t.ifPresent(all::add);
        }
        double eventsS = Math.max(1, all.stream().mapToDouble(t -> Math.abs(seconds(zero, t))).max().orElse(1));
        // A max-data-loss far longer than the events would squash them into one corner: it is then drawn from the
        // left edge (clipped) and its length written beside it.
        double maxLossS = m.maxDataLoss().map(d -> d.toMillis() / 1000.0).orElse(0.0);
        boolean clipped = maxLossS > 4 * eventsS;
        double spanS = clipped ? eventsS * 1.25 : Math.max(eventsS, maxLossS);
        Unit unit = spanS > 3 * 3600 ? new Unit("h", 3600) : spanS > 180 ? new Unit("min", 60) : new Unit("s", 1);
        String zeroName = m.outage().isPresent() ? "the outage" : "the archive's last commit";
        XYChart chart = Charts.xy(1000, 360, "restore timeline" + m.dataLoss().map(d -> ": data loss "
                        + String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1000.0)
                        + m.maxDataLoss().map(x -> String.format(Locale.ROOT, " (max-data-loss %.0f s)",
                        x.toMillis() / 1000.0)).orElse("")).orElse(""),
                unit.name + " relative to " + zeroName + " at " + zero, "");
        var styler = chart.getStyler();
        // 0..6 gives ticks at whole numbers, one per lane.
        styler.setYAxisMin(0.0).setYAxisMax(6.0);
        styler.setyAxisTickLabelsFormattingFunction(RestoreTimelineChart::laneLabel);
        styler.setxAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.4g", v)
                .replaceAll("\\.?0+$", "").replaceAll("\\.?0+e", "e"));
        styler.setMarkerSize(10);
        Map<String, double[]> spans = new LinkedHashMap<>();
        if (m.backupStart().isPresent() || m.backupStop().isPresent()) {
            Instant a = m.backupStart().or(m::backupStop).get();
            Instant b = m.backupStop().or(m::backupStart).get();
            add(chart, "base backup start-stop", unit, zero, 5, Charts.BLUE, a, b);
        }
        m.lastCommit().ifPresent(t -> add(chart, "archive's last commit", unit, zero, 4, Charts.PURPLE, t));
        m.endOfRecovery().ifPresent(t -> add(chart, "restored server's last replayed commit", unit, zero, 3,
                Charts.GREEN, t));
        if (m.lastCommit().isPresent() && m.outage().isPresent()) {
            add(chart, "data loss", unit, zero, 2, Charts.RED, m.lastCommit().get(), m.outage().get());
        }
        if (m.maxDataLoss().isPresent() && m.outage().isPresent()) {
            Instant from = clipped ? zero.minusMillis(Math.round(spanS * 1000)) : zero.minus(m.maxDataLoss().get());
            add(chart, "max-data-loss allowed", unit, zero, 1, Charts.GREY, from, m.outage().get());
            if (clipped) {
                chart.getStyler().setXAxisMin(-spanS / unit.seconds);
                chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "max-data-loss %.0f s: begins "
                        + "beyond the left edge", maxLossS), -spanS / unit.seconds / 2, 1.4, false));
            }
        }
        if (m.outage().isPresent()) {
            chart.addAnnotation(new AnnotationLine(0, true, false));
            chart.addAnnotation(new AnnotationText("outage", 0, 5.7, false));
        }
        // The lanes name the series; a short window at this scale gets its length written beside it.
        chart.getStyler().setLegendVisible(false);
        m.dataLoss().ifPresent(d -> chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "%.3f s",
                d.toMillis() / 1000.0), seconds(zero, m.lastCommit().get()) / unit.seconds, 2.4, false)));
        return chart;
    }

    /**
     * The lane's name at a whole tick, blank elsewhere. XChart drops every tick when two labels are equal, so the
     * blanks differ in length.
     */
    static String laneLabel(double v) {
        long lane = Math.round(v);
        if (Math.abs(v - lane) < 1e-6 && LANES.containsKey((int) lane)) {
            return LANES.get((int) lane);
        }
        return " ".repeat(1 + (int) (Math.round(Math.abs(v) * 8) % 64));
    }

    private static void add(XYChart chart, String name, Unit unit, Instant zero, int lane, java.awt.Color color,
                            Instant... at) {
        double[] x = new double[at.length];
        double[] y = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            x[i] = seconds(zero, at[i]) / unit.seconds;
            y[i] = lane;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(at.length == 1 ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        s.setLineWidth(at.length == 1 ? 0f : 6f);
    }

    private static double seconds(Instant zero, Instant t) {
        return Duration.between(zero, t).toNanos() / 1e9;
    }

    private record Unit(String name, double seconds) {
    }
}
