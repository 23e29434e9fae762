package io.restorecheck.siteinit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the memcached servers the site uses. Candidates: the usual ports on the site's host, and, when the site's
 * host is this machine, every port a process named memcached listens on. Each answers {@code stats}; the site's own
 * is the one whose {@code cmd_get} grows while init fetches the site's pages (a cache the site uses is asked on
 * every page view), so a memcached on the machine that serves something else is not mistaken for it.
 */
final class CacheProbe {
    static final List<Integer> USUAL_PORTS = List.of(11211, 11212, 11213);
    private static final int TIMEOUT_MS = 1_000;
    private static final java.util.regex.Pattern HEADER_ADDRESS =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*:\\d{2,5}\\b");

    /**
     * The candidates that answered {@code stats}: their get counter and how many site requests init had sent when
     * it was read (a candidate found in a page's headers is read later than one found on a usual port).
     */
    static final class Before {
        private final Map<String, long[]> baseline = new LinkedHashMap<>();
        private final List<String> sources = new ArrayList<>();

        void add(String hostPort, String source, int requestsSoFar) {
            if (baseline.containsKey(hostPort)) {
                return;
            }
            cmdGet(hostPort).ifPresent(gets -> {
                baseline.put(hostPort, new long[] {gets, requestsSoFar});
                sources.add(hostPort + " (" + source + ")");
            });
        }

        List<String> sources() {
            return List.copyOf(sources);
        }
    }

    /** The servers proposed, with evidence, and the candidates that were not taken. */
    record Result(List<String> servers, String evidence, List<String> others) {
    }

    private CacheProbe() {
    }

    static Before before(String host) {
        Before before = new Before();
        for (int port : USUAL_PORTS) {
            before.add(host + ":" + port, "usual port " + port, 0);
        }
        if (isLocal(host)) {
            for (int port : localMemcachedPorts()) {
                before.add(host + ":" + port, "a memcached process listens on " + port, 0);
            }
        }
        return before;
    }

    /** Adds the memcached addresses a response's headers name (e.g. X-Memcached: 10.0.0.5:11211). */
    static void fromHeaders(Before before, java.net.http.HttpHeaders headers, int requestsSoFar) {
        headers.map().forEach((name, values) -> {
            for (String value : values) {
                if ((name + " " + value).toLowerCase(java.util.Locale.ROOT).contains("memcache")) {
                    java.util.regex.Matcher m = HEADER_ADDRESS.matcher(value);
                    while (m.find()) {
                        before.add(m.group(), "named in the site's " + name + " header", requestsSoFar);
                    }
                }
            }
        });
    }

    /** Judges the candidates after the site was asked for {@code requests} pages in all. */
    static Result after(Before before, int requests) {
        if (before.baseline.isEmpty()) {
            return new Result(List.of(), "no memcached answered on the usual ports " + USUAL_PORTS
                    + " of the site's host, among local memcached processes or in the site's headers", List.of());
        }
        Map<String, Long> delta = new LinkedHashMap<>();
        Map<String, Long> asked = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : before.baseline.entrySet()) {
            cmdGet(e.getKey()).ifPresent(now -> {
                delta.put(e.getKey(), now - e.getValue()[0]);
                asked.put(e.getKey(), requests - e.getValue()[1]);
            });
        }
        // Used by the site: at least one get per page init fetched since its baseline. Of those, the one closest to
        // that count is the site's; busier ones serve other traffic too.
        String best = null;
        for (Map.Entry<String, Long> e : delta.entrySet()) {
            long n = asked.get(e.getKey());
            if (n > 0 && e.getValue() >= n && (best == null
                    || Math.abs(e.getValue() - n) < Math.abs(delta.get(best) - asked.get(best)))) {
                best = e.getKey();
            }
        }
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, Long> e : delta.entrySet()) {
            if (!e.getKey().equals(best)) {
                others.add(e.getKey() + " (cmd_get +" + e.getValue() + ")");
            }
        }
        if (best == null) {
            return new Result(List.of(), "memcached answered at " + before.sources() + " but none got at least one"
                    + " get per page while init fetched " + requests + " pages: " + others
                    + "; the site may not use them (or caches nothing on reads)", others);
        }
        return new Result(List.of(best), "its cmd_get grew by " + delta.get(best) + " while init fetched "
                + asked.get(best) + " pages from the site (candidates: " + before.sources() + ")", others);
    }

    static Optional<Long> cmdGet(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder text = new StringBuilder();
            byte[] buf = new byte[8192];
            while (!text.toString().endsWith("END\r\n")) {
                int n = in.read(buf);
                if (n < 0 || text.length() > 65_536) {
                    return Optional.empty();
                }
                text.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
            for (String line : text.toString().split("\r\n")) {
                if (line.startsWith("STAT cmd_get ")) {
                    return Optional.of(Long.parseLong(line.substring("STAT cmd_get ".length()).trim()));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // nothing there, or not memcached
        }
    }

    static boolean isLocal(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress()
                    || java.net.NetworkInterface.getByInetAddress(a) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** TCP ports in LISTEN state owned by processes named memcached, read from /proc (Linux; others: none). */
    static List<Integer> localMemcachedPorts() {
        Set<String> inodes = new LinkedHashSet<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (!Files.readString(p.resolve("comm")).trim().equals("memcached")) {
                        continue;
                    }
                    try (Stream<Path> fds = Files.list(p.resolve("fd"))) {
                        for (Path fd : fds.toList()) {
                            String link = Files.readSymbolicLink(fd).toString();
                            if (link.startsWith("socket:[")) {
                                inodes.add(link.substring(8, link.length() - 1));
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        Map<String, Integer> listening = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A")) { // 0A: LISTEN
                        String local = f[1];
                        listening.put(f[9], Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table here
            }
        }
        List<Integer> ports = new ArrayList<>();
        for (String inode : inodes) {
            Integer port = listening.get(inode);
            if (port != null && !ports.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }
}
