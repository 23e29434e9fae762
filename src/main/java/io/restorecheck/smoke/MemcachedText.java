package io.restorecheck.smoke;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * memcached's {@code stats} over the text protocol on a plain socket: no client library to start (which costs
 * more than the whole smoke run), and nothing but {@code stats} is ever sent.
 */
final class MemcachedText {
    private MemcachedText() {
    }

    /** The {@code STAT name value} lines of one server, or an IOException naming what went wrong. */
    static Map<String, String> stats(String hostPort, Duration timeout) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            Map<String, String> stats = new LinkedHashMap<>();
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line == null) {
                    throw new IOException("connection closed before END");
                }
                if (line.equals("END")) {
                    return stats;
                }
                if (line.startsWith("STAT ")) {
                    String[] parts = line.split(" ", 3);
                    if (parts.length == 3) {
                        stats.put(parts[1], parts[2]);
                    }
                } else if (line.contains("ERROR")) {
                    throw new IOException("answered '" + line + "' to stats");
                }
            }
        }
    }

    static long counter(Map<String, String> stats, String name) {
        try {
            return Long.parseLong(stats.getOrDefault(name, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
