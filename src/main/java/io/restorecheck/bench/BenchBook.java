package io.restorecheck.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The order a benchmark run is booked in: load the history, judge the run against the runs before it, append it,
 * then draw the chart of the history including it (with the baseline it was judged against).
 */
public final class BenchBook {
    private BenchBook() {
    }

    /**
     * Judges {@code run} against the history in {@code historyDir}, appends it there and writes the trend chart to
     * {@code chartPng}.
     *
     * @throws HistoryError when the existing history has a bad line (nothing is appended then)
     */
    public static Verdict book(Path historyDir, BenchRecord run, RegressionJudge judge, Path chartPng) {
        List<BenchRecord> previous = BenchHistory.load(historyDir);
        Verdict verdict = judge.judge(previous, run);
        BenchHistory.append(historyDir, run);
        List<BenchRecord> all = new ArrayList<>(previous);
        all.add(run);
        TrendChart.write(all, verdict.baseline().orElse(null), verdict.changePoints(), chartPng);
        return verdict;
    }
}
