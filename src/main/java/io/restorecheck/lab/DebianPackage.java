package io.restorecheck.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A program the lab needs from a Debian package (memcached). On a fresh machine: when we are root and apt-get is
 * there, the package is installed with one line saying so; otherwise {@link Missing} carries the exact command.
 */
public record DebianPackage(String name, List<Path> binaries) {
    public static final DebianPackage MEMCACHED = new DebianPackage("memcached", List.of(
            Path.of("/usr/bin/memcached"), Path.of("/usr/local/bin/memcached"), Path.of("/usr/sbin/memcached")));

    /** The package is missing and we may not install it: the message is the command to run. */
    public static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }

    /** The installed program, installing the package first when root with apt-get; else {@link Missing}. */
    public synchronized Path require() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String install = "apt-get install -y " + name;
        if (!Signals.isRoot() || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new Missing(name + " is not installed (looked in " + binaries + "); install Debian's package: "
                    + (Signals.isRoot() ? "" : "sudo ") + install);
        }
        System.err.println("restorecheck: " + name + " is missing; installing Debian's package (" + install + ")");
        String first = apt(List.of("apt-get", "install", "-y", "-qq", name));
        // A fresh image often has no package lists yet.
        String log = find().isPresent() ? first
                : apt(List.of("apt-get", "update", "-qq")) + apt(List.of("apt-get", "install", "-y", "-qq", name));
        return find().orElseThrow(() -> new Missing("installing " + name + " failed; run: apt-get update && "
                + install + "\n" + Processes.tail(log, 10)));
    }

    private Optional<Path> find() {
        return binaries.stream().filter(Files::isExecutable).findFirst();
    }

    private static String apt(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(15, TimeUnit.MINUTES);
            return out;
        } catch (IOException e) {
            return "cannot run " + command + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
