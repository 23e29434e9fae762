package io.restorecheck.cache;

import java.util.List;
import java.util.Map;

/** Reads {@code stats} and {@code stats settings} from every configured memcached server. Never throws. */
public interface StatsReader extends AutoCloseable {
    /** One reading per configured server, in config order. */
    List<Reading> read();

    /** {@code stats settings} per server (server to name/value); a server that does not answer is left out. */
    Map<String, Map<String, String>> settings();

    @Override
    void close();
}
