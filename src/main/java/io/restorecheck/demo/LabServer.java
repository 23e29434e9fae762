package io.restorecheck.demo;

import io.restorecheck.lab.LabException;
import io.restorecheck.report.Progress;
import io.restorecheck.report.SummaryWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The process behind {@code lab up}: builds the restored sample stack as the demo leaves it, writes its site
 * config and state into the lab folder, and keeps it running until it is told to stop ({@code lab down} sends
 * SIGTERM); then stops every process and removes the state files. {@code lab restart} writes a
 * {@link #RESTART_REQUEST} file, which the lab answers by {@link RunningStack#reboot restarting} every service and writing
 * {@link #RESTART_STOPPED} once all of them are down.
 */
public final class LabServer {
    public static final String SITE_CONF = "site.conf";
    public static final String STATE = "lab.json";
    public static final String PID = "lab.pid";
    /**
     * Written by {@code lab restart}: lines {@code break=memcached-port} (bring the wiki back on a dead port) and
     * {@code down-ms=N} (how long every service stays down, as a machine takes to reboot).
     */
    public static final String RESTART_REQUEST = "restart.request";
    /** Written by the lab when every service is down for the requested restart. */
    public static final String RESTART_STOPPED = "restart.stopped";
    private static final long CONTROL_POLL_MILLIS = 200;

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
            writeState(stack, labDir, stack.running().memcached().address());
            // site.conf appears last and atomically: 'lab up' waits for it as the sign the lab is ready.
            Path tmp = DemoSiteConfig.write(labDir.resolve(SITE_CONF + ".tmp"), stack.siteConfigStack());
            Files.move(tmp, labDir.resolve(SITE_CONF), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LabException("cannot write the lab's state into " + labDir, e);
        }
        progress.note("ready: " + labDir.resolve(SITE_CONF));
        try {
            while (!stopped.await(CONTROL_POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                restartIfAsked(stack, labDir, progress);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void restartIfAsked(DemoStack stack, Path labDir, Progress progress) {
        Path request = labDir.resolve(RESTART_REQUEST);
        if (!Files.isRegularFile(request)) {
            return;
        }
        boolean wrongCachePort;
        long downMillis;
        try {
            List<String> lines = Files.readAllLines(request);
            wrongCachePort = lines.contains("break=" + BreakKind.MEMCACHED_PORT.label());
            downMillis = lines.stream().filter(l -> l.startsWith("down-ms=")).mapToLong(l -> Long.parseLong(
                    l.substring("down-ms=".length()).trim())).findFirst().orElse(0);
            Files.delete(request);
        } catch (IOException | NumberFormatException e) {
            progress.note("cannot read the restart request " + request + ": " + e.getMessage());
            return;
        }
        progress.note("restart" + (wrongCachePort ? " with the wiki on a dead memcached port" : ""));
        try {
            String wikiCache = stack.running().reboot(wrongCachePort, progress, () -> {
                try {
                    Files.writeString(labDir.resolve(RESTART_STOPPED), "stopped\n");
                } catch (IOException e) {
                    progress.note("cannot write " + labDir.resolve(RESTART_STOPPED) + ": " + e.getMessage());
                }
                sleepMillis(downMillis);
            });
            writeState(stack, labDir, wikiCache);
            progress.note("restarted: every service is up again");
        } catch (IOException | RuntimeException e) {
            // The lab stays up, broken: what smoke is for. The log says what did not come back.
            progress.note("restart failed: " + e.getMessage());
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeState(DemoStack stack, Path labDir, String wikiCache) throws IOException {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pid", ProcessHandle.current().pid());
        RunningStack running = stack.running();
        state.put("wiki", running.wiki().baseUrl());
        state.put("wiki_memcached", wikiCache);
        state.put("database", running.restoredServer().jdbcUrl(DemoStack.DATABASE));
        state.put("postgres_pid", running.restoredServer().pid());
        state.put("memcached", Map.of("address", running.memcached().address(), "pid", running.memcached().pid()));
        state.put("wal_archive", stack.layout().archive().toString());
        state.put("work_dir", stack.workDir().toString());
        Path tmp = labDir.resolve(STATE + ".tmp");
        SummaryWriter.json().writeValue(tmp.toFile(), state);
        Files.move(tmp, labDir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
