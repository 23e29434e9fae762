package io.restorecheck.demo;

import io.restorecheck.report.Progress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The restored sample stack as the demo leaves it: an immutable description ({@link Layout}: its files, binaries
 * and data-loss bound; {@link DemoFacts}: what the demo knows to be true) and the {@link RunningStack} that owns
 * its processes. {@link #build} tells the story ({@link DemoStory}); {@link #close} stops everything.
 */
public final class DemoStack implements AutoCloseable {
    static final String DATABASE = "wiki";
    /** Tuned settings of the old server's postgresql.conf: the restored server must carry them too. */
    static final Map<String, String> TUNED = Map.of("shared_buffers", "64MB", "work_mem", "8MB",
            "random_page_cost", "1.1", "effective_cache_size", "512MB");

    private final Layout layout;
    private final RunningStack running;
    private final DemoFacts facts;

    DemoStack(Layout layout, RunningStack running, DemoFacts facts) {
        this.layout = layout;
        this.running = running;
        this.facts = facts;
    }

    /**
     * Where the stack's files are and what its site config states besides the running processes.
     *
     * @param postgresBin the binaries every server of the story ran; the site config hands them to the reference
     *                    replay (null until the story picked them)
     */
    record Layout(Path workDir, Path archive, Path restoredArchive, Path baseBackup, Path expectedSettings,
                  Path postgresBin, String maxDataLoss) {
        static Layout in(Path workDir) {
            return new Layout(workDir, workDir.resolve("wal-archive"), workDir.resolve("wal-archive-restored"),
                    workDir.resolve("base-backup"), workDir.resolve("old-postgresql.conf"), null, null);
        }

        Layout withServers(Path bin, String dataLoss) {
            return new Layout(workDir, archive, restoredArchive, baseBackup, expectedSettings, bin, dataLoss);
        }
    }

    /** Builds the restored stack step by step, printing one progress line per step. */
    public static DemoStack build(DemoOptions options, Progress progress) {
        return DemoStory.tell(options, progress);
    }

    /** Writes the site config of the restored stack (as the demo and the lab do) and returns its path. */
    public Path writeSiteConfig(Path file) {
        return DemoSiteConfig.write(file, siteConfigStack());
    }

    /** What the site config of the restored stack says now (ports change when the owner restarts a process). */
    DemoSiteConfig.Stack siteConfigStack() {
        return new DemoSiteConfig.Stack(running.wiki().baseUrl(), running.restoredServer().jdbcUrl(DATABASE),
                running.memcached().address(), layout.archive(), layout.baseBackup(), layout.expectedSettings(),
                layout.maxDataLoss(), layout.postgresBin());
    }

    /**
     * What the demo knows about its stack, handed to the suites by name ({@link
     * io.restorecheck.suites.SuiteContext#option}); suites must work without it, as they do under {@code accept}.
     */
    public Map<String, Object> suiteOptions() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("demo.breaks", facts.breaks());
        o.put("demo.work-dir", layout.workDir());
        return o;
    }

    public Path workDir() {
        return layout.workDir();
    }

    Layout layout() {
        return layout;
    }

    DemoFacts facts() {
        return facts;
    }

    /** The owner of the processes: restarts go through it. */
    RunningStack running() {
        return running;
    }

    /** Stops every process (newest first) and deletes the work folder. */
    @Override
    public void close() {
        running.close();
    }
}
