package io.restorecheck.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real memcached daemon (Debian package {@code memcached}) as a child process on a free 127.0.0.1 port. */
public final class Memcached implements AutoCloseable {
    private final Process process;
    private final int port;
    private final MemcachedOptions options;

    private Memcached(Process process, int port, MemcachedOptions options) {
        this.process = process;
        this.port = port;
        this.options = options;
    }

    public static Memcached start(MemcachedOptions options) {
        return start(options, FreePorts.next());
    }

    /** Starts on a given 127.0.0.1 port: a restart that the wiki and the site config must find again. */
    public static Memcached start(MemcachedOptions options, int port) {
        Path binary = binary();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-l", "127.0.0.1", "-p",
                Integer.toString(port), "-U", "0", "-m", Integer.toString(options.memoryMb()),
                "-t", Integer.toString(options.threads()), "-c", Integer.toString(options.maxConnections()),
                "-I", options.itemSizeMaxKb() + "k"));
        if (Signals.isRoot()) {
            // memcached refuses to run as root without a user to drop to.
            command.add("-u");
            command.add("nobody");
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new LabException("cannot start " + String.join(" ", command), e);
        }
        Memcached memcached = new Memcached(process, port, options);
        ChildProcesses.register(memcached);
        memcached.awaitListening();
        return memcached;
    }

    static Path binary() {
        return DebianPackage.MEMCACHED.require();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LabException("memcached exited with " + process.exitValue() + " on 127.0.0.1:" + port);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new LabException("interrupted", ie);
                }
            }
        }
        close();
        throw new LabException("memcached did not listen on 127.0.0.1:" + port + " within 20 s");
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as memcached clients and the site config name servers. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public MemcachedOptions options() {
        return options;
    }

    /** The daemon's process id (for an operator, or a test, to stop it by hand). */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        ChildProcesses.unregister(this);
    }

    @Override
    public String toString() {
        return "memcached on " + address();
    }
}
