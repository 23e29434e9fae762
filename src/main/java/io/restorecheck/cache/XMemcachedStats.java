package io.restorecheck.cache;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;

/**
 * {@link StatsReader} through xmemcached, one client per server so each server's answer (or silence) is its own.
 * A server is first probed with a plain TCP connect: an unreachable one yields a reading that names the address
 * and the socket's error, and is probed again next time, without xmemcached's reconnect loop logging errors.
 * Only reads statistics: never sets, deletes or flushes.
 */
public final class XMemcachedStats implements StatsReader {
    private static final int CONNECT_TIMEOUT_MS = 1_000;
    private static final long STATS_TIMEOUT_MS = 2_000;

    private final List<String> servers;
    private final Map<String, MemcachedClient> clients = new LinkedHashMap<>();

    public XMemcachedStats(List<String> servers) {
        this.servers = List.copyOf(servers);
    }

    @Override
    public synchronized List<Reading> read() {
        List<Reading> readings = new ArrayList<>(servers.size());
        for (String server : servers) {
            try {
                readings.add(Reading.of(server, ServerStats.from(ask(server, null))));
            } catch (StatsException e) {
                readings.add(Reading.unreachable(server, e.getMessage()));
            }
        }
        return readings;
    }

    @Override
    public synchronized Map<String, Map<String, String>> settings() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String server : servers) {
            try {
                out.put(server, ask(server, "settings"));
            } catch (StatsException e) {
                // Left out: read() names the unreachable server.
            }
        }
        return out;
    }

    private Map<String, String> ask(String server, String item) throws StatsException {
        MemcachedClient client = client(server);
        try {
            Map<InetSocketAddress, Map<String, String>> answer = item == null ? client.getStats(STATS_TIMEOUT_MS)
                    : client.getStatsByItem(item, STATS_TIMEOUT_MS);
            if (answer == null || answer.isEmpty()) {
                drop(server);
                throw new StatsException("memcached " + server + " gave no answer to 'stats"
                        + (item == null ? "" : " " + item) + "'");
            }
            return answer.values().iterator().next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatsException("interrupted while reading stats from memcached " + server);
        } catch (StatsException e) {
            throw e;
        } catch (Exception e) {
            drop(server);
            throw new StatsException("memcached " + server + " failed 'stats" + (item == null ? "" : " " + item)
                    + "': " + e);
        }
    }

    private MemcachedClient client(String server) throws StatsException {
        MemcachedClient client = clients.get(server);
        if (client != null) {
            return client;
        }
        int colon = server.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(server.substring(0, colon),
                Integer.parseInt(server.substring(colon + 1)));
        try (Socket probe = new Socket()) {
            probe.connect(address, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new StatsException("memcached " + server + " is unreachable: " + e.getMessage());
        }
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(List.of(address));
        builder.setConnectTimeout(CONNECT_TIMEOUT_MS);
        builder.setOpTimeout(STATS_TIMEOUT_MS);
        builder.setConnectionPoolSize(1);
        builder.setEnableHealSession(false);
        try {
            client = builder.build();
        } catch (IOException e) {
            throw new StatsException("cannot open an xmemcached client to " + server + ": " + e.getMessage());
        }
        clients.put(server, client);
        return client;
    }

    private void drop(String server) {
        MemcachedClient client = clients.remove(server);
        if (client != null) {
            shutdown(client);
        }
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(XMemcachedStats::shutdown);
        clients.clear();
    }

    private static void shutdown(MemcachedClient client) {
        try {
            client.shutdown();
        } catch (IOException e) {
            // Closing a statistics connection: nothing to recover.
        }
    }

    private static final class StatsException extends Exception {
        StatsException(String message) {
            super(message);
        }
    }
}
