package io.restorecheck.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every server the lab starts is registered here and stopped by one JVM shutdown hook, so Ctrl-C or
 * an uncaught error never leaves a PostgreSQL or memcached behind.
 */
final class ChildProcesses {
    private static final Set<AutoCloseable> OPEN = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private ChildProcesses() {
    }

    static synchronized void register(AutoCloseable closeable) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::closeAll, "restorecheck-lab-cleanup"));
            hookInstalled = true;
        }
        OPEN.add(closeable);
    }

    static synchronized void unregister(AutoCloseable closeable) {
        OPEN.remove(closeable);
    }

    static void closeAll() {
        List<AutoCloseable> toClose;
        synchronized (ChildProcesses.class) {
            toClose = new ArrayList<>(OPEN);
        }
        // Newest first: the restored server before the primary, the wiki before its database.
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.err.println("restorecheck: cleanup of " + toClose.get(i) + " failed: " + e.getMessage());
            }
        }
    }
}
