package io.restorecheck.bench;

/**
 * A shift in one figure of the bench history: the run where the new level began (its 1-based place in the history,
 * label, commit, run folder and time), the medians of the level before and of the level from that run on, and the
 * permutation test's p-value.
 */
public record ChangePoint(Figure figure, int runIndex, String label, String commit, String run, String time,
                          double before, double after, double pValue) {

    /** after - before, in the figure's unit. */
    public double size() {
        return after - before;
    }

    /** The change in per cent of the level before, null when that level is 0. */
    public Double sizePercent() {
        return before == 0 ? null : (after - before) / Math.abs(before) * 100;
    }

    public boolean worse() {
        return figure.worse(before, after);
    }

    /** "p95 87.5 ms -> 120.0 ms (+37.1%) from run 21 (lab, commit f6ff521, 20261121-020000-bench)". */
    public String describe() {
        Double percent = sizePercent();
        return figure.label() + " " + figure.number(before) + " -> " + figure.show(after)
                + (percent == null ? "" : Verdict.format(" (%+.1f%%)", percent)) + " from " + where();
    }

    /** "run 21 (lab, commit f6ff521, 20261121-020000-bench)". */
    public String where() {
        StringBuilder s = new StringBuilder("run ").append(runIndex).append(" (");
        s.append(label == null ? "no label" : label);
        s.append(", commit ").append(commit == null ? "unknown" : commit);
        if (run != null) {
            s.append(", ").append(run);
        } else {
            s.append(", ").append(time);
        }
        return s.append(')').toString();
    }
}
