package io.restorecheck.inject;

import java.util.List;

/**
 * One record of Gatling's binary {@code simulation.log} after the RUN header (Gatling 3.10+, see
 * {@link SimulationLogReader}). Times are milliseconds after the header's start. {@link #time()} is when the record
 * was written (a request is logged when it ends), the order the merge keeps.
 */
sealed interface LogRecord {
    byte REQUEST = 1;
    byte USER = 2;
    byte GROUP = 3;
    byte ERROR = 4;

    int time();

    /** The same record moved by delta milliseconds (and, for users, to another scenario index). */
    LogRecord moved(int deltaMs, int[] scenarioIndex);

    record Request(List<String> groups, String name, int startMs, int endMs, boolean ok, String message)
            implements LogRecord {
        public int time() {
            return endMs;
        }

        public LogRecord moved(int deltaMs, int[] scenarioIndex) {
            return deltaMs == 0 ? this : new Request(groups, name, startMs + deltaMs, endMs + deltaMs, ok, message);
        }

        int latencyMs() {
            return endMs - startMs;
        }
    }

    record User(int scenario, boolean start, int timestampMs) implements LogRecord {
        public int time() {
            return timestampMs;
        }

        public LogRecord moved(int deltaMs, int[] scenarioIndex) {
            return new User(scenarioIndex[scenario], start, timestampMs + deltaMs);
        }
    }

    record Group(List<String> groups, int startMs, int endMs, int cumulatedMs, boolean ok) implements LogRecord {
        public int time() {
            return endMs;
        }

        public LogRecord moved(int deltaMs, int[] scenarioIndex) {
            return deltaMs == 0 ? this : new Group(groups, startMs + deltaMs, endMs + deltaMs, cumulatedMs, ok);
        }
    }

    record Error(String message, int timestampMs) implements LogRecord {
        public int time() {
            return timestampMs;
        }

        public LogRecord moved(int deltaMs, int[] scenarioIndex) {
            return deltaMs == 0 ? this : new Error(message, timestampMs + deltaMs);
        }
    }
}
