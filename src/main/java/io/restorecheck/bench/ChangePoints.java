package io.restorecheck.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The change points of every judged figure over a whole bench history, found by {@link EDivisive} on the runs that
 * measured the figure (a run without a hit ratio is left out of that series, not counted as 0).
 */
final class ChangePoints {
    private ChangePoints() {
    }

    /** All change points of {@code history} (oldest first), figure by figure, each in history order. */
    static List<ChangePoint> of(List<BenchRecord> history, EDivisive detector) {
        List<ChangePoint> out = new ArrayList<>();
        for (Figure figure : Figure.values()) {
            out.addAll(of(history, figure, detector));
        }
        return out;
    }

    static List<ChangePoint> of(List<BenchRecord> history, Figure figure, EDivisive detector) {
        List<Integer> where = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Double v = figure.of(history.get(i));
            if (v != null) {
                where.add(i);
                values.add(v);
            }
        }
        double[] series = values.stream().mapToDouble(Double::doubleValue).toArray();
        List<EDivisive.Split> splits = detector.changePoints(series);
        List<ChangePoint> out = new ArrayList<>();
        for (int s = 0; s < splits.size(); s++) {
            int start = splits.get(s).index();
            int from = s == 0 ? 0 : splits.get(s - 1).index();
            int to = s + 1 < splits.size() ? splits.get(s + 1).index() : series.length;
            BenchRecord run = history.get(where.get(start));
            out.add(new ChangePoint(figure, where.get(start) + 1, run.label(), run.commit(), run.run(), run.time(),
                    median(series, from, start), median(series, start, to), splits.get(s).pValue()));
        }
        return out;
    }

    private static double median(double[] series, int from, int to) {
        List<Double> part = new ArrayList<>();
        for (int i = from; i < to; i++) {
            part.add(series[i]);
        }
        return Stats.median(part);
    }
}
