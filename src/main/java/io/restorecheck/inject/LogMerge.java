package io.restorecheck.inject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Merges several injectors' {@code simulation.log} files into one that Gatling's report generator reads as a single
 * run (since Gatling 3.12 its {@code -ro} reads exactly one log and no longer merges). One RUN header (the earliest
 * start, the union of the scenarios, the first log's assertions), then every record in time order through one
 * string cache. Start-up stagger is removed by aligning each log's first user arrival on the earliest one: the
 * injectors began injecting at the common start time, so the residual offsets are JVM start-up noise, and left in
 * they stretch the merged span and understate the rate. One log merges to a byte-identical copy.
 */
final class LogMerge {
    private LogMerge() {
    }

    /**
     * What the merge wrote: how many records; by how much each log's times were moved (ms, against the merged
     * header's start); and how much later than the earliest injector's each log's first user arrived (ms, the
     * start-up stagger the alignment removed).
     */
    record Merged(long records, long requests, List<Integer> shiftsMs, List<Long> firstUserLateMs) {
    }

    static Merged merge(List<Path> logs, Path target) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: no simulation.log");
        }
        List<LogHeader> headers = new ArrayList<>();
        List<Integer> firstUsers = new ArrayList<>();
        for (Path log : logs) {
            try (SimulationLogReader r = new SimulationLogReader(log)) {
                headers.add(r.header());
                firstUsers.add(firstUserMs(r));
            }
        }
        LogHeader first = headers.get(0);
        for (int i = 1; i < headers.size(); i++) {
            if (!headers.get(i).gatlingVersion().equals(first.gatlingVersion())) {
                throw new IllegalArgumentException("injector logs from different Gatling versions (" + logs.get(0)
                        + ": " + first.gatlingVersion() + ", " + logs.get(i) + ": " + headers.get(i).gatlingVersion()
                        + "): Gatling's report reads only its own version's log");
            }
        }
        long start = headers.stream().mapToLong(LogHeader::startMillis).min().orElseThrow();
        long alignedFirstUser = Long.MAX_VALUE;
        for (int i = 0; i < logs.size(); i++) {
            alignedFirstUser = Math.min(alignedFirstUser, headers.get(i).startMillis() + firstUsers.get(i));
        }
        Map<String, Integer> scenarios = new LinkedHashMap<>();
        List<int[]> scenarioMaps = new ArrayList<>();
        for (LogHeader h : headers) {
            int[] map = new int[h.scenarios().size()];
            for (int s = 0; s < map.length; s++) {
                map[s] = scenarios.computeIfAbsent(h.scenarios().get(s), k -> scenarios.size());
            }
            scenarioMaps.add(map);
        }
        List<Integer> shifts = new ArrayList<>();
        List<Long> late = new ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            shifts.add((int) (alignedFirstUser - start - firstUsers.get(i)));
            late.add(headers.get(i).startMillis() + firstUsers.get(i) - alignedFirstUser);
        }
        LogHeader merged = new LogHeader(first.gatlingVersion(), first.simulationClass(), start, first.description(),
                new ArrayList<>(scenarios.keySet()), first.assertions());
        List<SimulationLogReader> readers = new ArrayList<>();
        long records = 0;
        long requests = 0;
        try (SimulationLogWriter out = new SimulationLogWriter(target, merged)) {
            PriorityQueue<Head> heads = new PriorityQueue<>();
            for (int i = 0; i < logs.size(); i++) {
                SimulationLogReader r = new SimulationLogReader(logs.get(i));
                readers.add(r);
                pull(r, i, shifts.get(i), scenarioMaps.get(i)).ifPresent(heads::add);
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                out.write(h.record());
                records++;
                if (h.record() instanceof LogRecord.Request) {
                    requests++;
                }
                pull(readers.get(h.log()), h.log(), shifts.get(h.log()), scenarioMaps.get(h.log())).ifPresent(heads::add);
            }
        } finally {
            readers.forEach(SimulationLogReader::close);
        }
        return new Merged(records, requests, shifts, late);
    }

    private static Optional<Head> pull(SimulationLogReader r, int log, int shiftMs, int[] scenarioMap) {
        return r.next().map(rec -> new Head(rec.moved(shiftMs, scenarioMap), log));
    }

    /** When the log's first user arrived (ms after its start): where its injection began. */
    private static int firstUserMs(SimulationLogReader r) {
        for (Optional<LogRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
            if (rec.get() instanceof LogRecord.User u) {
                return u.timestampMs();
            }
        }
        return 0;
    }

    /** The next record of one log; ties keep the logs' order, so one log's own order is never changed. */
    private record Head(LogRecord record, int log) implements Comparable<Head> {
        @Override
        public int compareTo(Head o) {
            int c = Integer.compare(record.time(), o.record.time());
            return c != 0 ? c : Integer.compare(log, o.log);
        }
    }
}
