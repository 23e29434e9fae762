package io.restorecheck.demo;

import io.restorecheck.lab.LabException;
import io.restorecheck.report.Progress;
import io.restorecheck.report.SummaryWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The process behind {@code lab up}: builds the restored sample stack as the demo leaves it, writes its site
 * config and state into the lab folder, and keeps it running until it is told to stop ({@code lab down} sends
 * SIGTERM); then stops every process and removes the state files.
 */
public final class LabServer {
    public static final String SITE_CONF = "site.conf";
    public static final String STATE = "lab.json";
    public static final String PID = "lab.pid";

    private LabServer() {
    }

    /** Builds the stack and blocks until the JVM is asked to exit. */
    public static void serve(DemoOptions options, Path labDir) {
        Progress progress = new Progress(System.out, "lab");
        DemoStack stack = DemoStack.build(options, progress);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            progress.note("stopping the lab");
            stack.close();
            for (String f : new String[] {SITE_CONF, STATE, PID}) {
                try {
                    Files.deleteIfExists(labDir.resolve(f));
                } catch (IOException e) {
                    // Stale state files are detected by 'lab up' (the pid is not alive).
                }
            }
            stopped.countDown();
        }, "restorecheck-lab-stop"));
        try {
            Files.createDirectories(labDir);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("pid", ProcessHandle.current().pid());
            state.put("wiki", stack.wiki.baseUrl());
            state.put("database", stack.restored.jdbcUrl(DemoStack.DATABASE));
            state.put("memcached", Map.of("address", stack.memcached.address(), "pid", stack.memcached.pid()));
            state.put("wal_archive", stack.archive.toString());
            state.put("work_dir", stack.workDir().toString());
            SummaryWriter.json().writeValue(labDir.resolve(STATE).toFile(), state);
            // site.conf appears last and atomically: 'lab up' waits for it as the sign the lab is ready.
            Path tmp = DemoSiteConfig.write(labDir.resolve(SITE_CONF + ".tmp"), stack.siteConfigStack());
            Files.move(tmp, labDir.resolve(SITE_CONF), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LabException("cannot write the lab's state into " + labDir, e);
        }
        progress.note("ready: " + labDir.resolve(SITE_CONF));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
