package io.restorecheck.wal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads segments on several threads with exactly the sequential read's results. Each worker reads a run of
 * segments (about 64 MiB) from the reader's initial state, as if the archive started there (a speculative read),
 * keeping what it found and, in its first segment, its state at every page start. The calling thread then carries the true state through the segments in
 * order: it reads a segment only until its state equals the worker's at a page start (after the first page or
 * two: where a record that spans the boundary ends), and takes the worker's findings from there on. Where the
 * states never meet (a record spanning the whole segment, or damage that only the true state sees), it reads
 * the whole segment itself, so results never depend on the guess.
 *
 * <p>Memory: at most {@code 2 x workers} tasks in flight, each holding its findings (one object per
 * commit/abort/damage/gap) and one small state per 8 KiB page of its first segment, plus each worker's 1 MiB read
 * buffer.
 */
final class ParallelWalRead {
    private ParallelWalRead() {
    }

    /** What a speculative read reported, in order: {@link XactRecord}s, {@link Damage}s and gaps. */
    static final class Recorder implements WalReader.Visitor {
        private final List<Object> events = new ArrayList<>();

        @Override
        public void xact(XactRecord record) {
            events.add(record);
        }

        @Override
        public void damage(Damage damage) {
            events.add(damage);
        }

        @Override
        public void gap(int timeline, long fromSegno, long toSegno) {
            events.add(new long[] {timeline, fromSegno, toSegno});
        }

        int size() {
            return events.size();
        }

        void replay(int from, WalReader.Visitor to) {
            for (Object e : events.subList(from, events.size())) {
                if (e instanceof XactRecord x) {
                    to.xact(x);
                } else if (e instanceof Damage d) {
                    to.damage(d);
                } else {
                    long[] gap = (long[]) e;
                    to.gap((int) gap[0], gap[1], gap[2]);
                }
            }
        }
    }

    /**
     * A parallel read's result.
     *
     * @param stats          what the sequential read would return
     * @param pagesReadTwice pages read both by a worker and, until the states met, by the calling thread
     */
    record Outcome(WalReader.Stats stats, long pagesReadTwice) {
    }

    /** Segments per task: about 64 MiB of WAL, so that threads hand work over rarely (cheap on a loaded machine). */
    static int segmentsPerTask(int segSize) {
        return Math.max(1, (64 << 20) / segSize);
    }

    static Outcome read(List<WalReader.SegmentFile> segments, int segSize, WalReader.Visitor visitor, int workers) {
        return read(segments, segSize, visitor, workers, segmentsPerTask(segSize));
    }

    /**
     * Each task reads {@code perTask} consecutive segments: the first from the initial state (keeping its states),
     * the others carrying on. The calling thread stitches the first segment of each task; where the states never
     * meet in it, it reads the task's other segments itself too.
     */
    static Outcome read(List<WalReader.SegmentFile> segments, int segSize, WalReader.Visitor visitor, int workers,
                        int perTask) {
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).segno() <= segments.get(i - 1).segno()) {
                throw new IllegalArgumentException("segments not sorted: " + segments.get(i).path());
            }
        }
        AtomicInteger threadNo = new AtomicInteger();
        // One read buffer per worker thread, reused task after task.
        ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[WalReader.bufferSize(segSize)]);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "wal-reader-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            int window = 2 * workers;
            Deque<Future<WalReader>> inFlight = new ArrayDeque<>();
            int submitted = 0;
            WalReader carrier = WalReader.plain(segSize, visitor);
            for (int start = 0; start < segments.size(); start += perTask) {
                while (submitted < segments.size() && inFlight.size() < window) {
                    List<WalReader.SegmentFile> task = segments.subList(submitted,
                            Math.min(submitted + perTask, segments.size()));
                    submitted += task.size();
                    inFlight.add(pool.submit(() -> {
                        WalReader spec = WalReader.speculative(segSize, new Recorder(), buffers.get());
                        spec.next(task.get(0));
                        spec.endSnapshots();
                        for (WalReader.SegmentFile f : task.subList(1, task.size())) {
                            spec.next(f);
                        }
                        return spec;
                    }));
                }
                WalReader spec = await(inFlight.removeFirst());
                WalReader next = carrier.stitch(segments.get(start), spec);
                if (next != spec) {
                    for (WalReader.SegmentFile f : segments.subList(start + 1,
                            Math.min(start + perTask, segments.size()))) {
                        next.next(f);
                    }
                }
                carrier = next;
            }
            return new Outcome(carrier.stats(), carrier.pagesReadTwice());
        } finally {
            pool.shutdownNow();
        }
    }

    private static WalReader await(Future<WalReader> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading WAL", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
