package io.restorecheck.demo.wiki;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.transcoders.StringTranscoder;
import net.rubyeye.xmemcached.utils.AddrUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page cache on memcached through xmemcached, with short timeouts. A failed operation
 * is a miss; the first failure is logged at WARN and the recovery at INFO, never each
 * request, because a wiki pointed at a dead port fails every single lookup.
 */
final class MemcachedPageCache implements PageCache {
    private static final Logger LOG = LoggerFactory.getLogger(MemcachedPageCache.class);
    static final long OP_TIMEOUT_MS = 200;
    static final int CONNECT_TIMEOUT_MS = 1_000;
    private static final long RECONNECT_INTERVAL_MS = 5_000;

    private final String servers;
    private final MemcachedClient client;
    private final AtomicBoolean down = new AtomicBoolean();

    private MemcachedPageCache(String servers, MemcachedClient client) {
        this.servers = servers;
        this.client = client;
    }

    /** Connects to "host:port" servers; a server where nothing listens is retried in the background. */
    static MemcachedPageCache connect(List<String> servers) {
        String joined = String.join(" ", servers);
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(AddrUtil.getAddresses(joined));
        builder.setConnectTimeout(CONNECT_TIMEOUT_MS);
        builder.setOpTimeout(OP_TIMEOUT_MS);
        builder.setHealSessionInterval(RECONNECT_INTERVAL_MS);
        builder.setFailureMode(false);
        // Plain UTF-8 values, so other clients (a test planting stale HTML) read and write the same bytes.
        builder.setTranscoder(new StringTranscoder("UTF-8"));
        try {
            return new MemcachedPageCache(joined, builder.build());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the memcached client for " + joined, e);
        }
    }

    @Override
    public String get(String key) {
        try {
            String value = client.get(key, OP_TIMEOUT_MS);
            up();
            return value;
        } catch (Exception e) {
            failed("get", e);
            return null;
        }
    }

    @Override
    public void set(String key, int expirySeconds, String value) {
        try {
            client.set(key, expirySeconds, value, OP_TIMEOUT_MS);
            up();
        } catch (Exception e) {
            failed("set", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.delete(key, OP_TIMEOUT_MS);
            up();
        } catch (Exception e) {
            failed("delete", e);
        }
    }

    @Override
    public String state() {
        return down.get() ? "down" : "up";
    }

    @Override
    public void close() {
        try {
            client.shutdown();
        } catch (IOException e) {
            LOG.debug("closing the memcached client for {}", servers, e);
        }
    }

    private void up() {
        if (down.compareAndSet(true, false)) {
            LOG.info("memcached {} answers again: caching pages", servers);
        }
    }

    private void failed(String op, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (down.compareAndSet(false, true)) {
            LOG.warn("memcached {} failed a {} ({}): serving pages uncached until it answers", servers, op,
                    e.toString());
        }
    }
}
