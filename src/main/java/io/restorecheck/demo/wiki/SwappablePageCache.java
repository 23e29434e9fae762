package io.restorecheck.demo.wiki;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A page cache whose backing cache can be replaced while the wiki serves, so a restarted memcached (on another
 * port, with other settings) can be used without restarting the wiki. The replaced cache is closed.
 */
final class SwappablePageCache implements PageCache {
    private final AtomicReference<PageCache> current;

    SwappablePageCache(PageCache initial) {
        this.current = new AtomicReference<>(initial);
    }

    void swap(PageCache next) {
        current.getAndSet(next).close();
    }

    @Override
    public String get(String key) {
        return current.get().get(key);
    }

    @Override
    public void set(String key, int expirySeconds, String value) {
        current.get().set(key, expirySeconds, value);
    }

    @Override
    public void delete(String key) {
        current.get().delete(key);
    }

    @Override
    public String state() {
        return current.get().state();
    }

    @Override
    public void close() {
        current.get().close();
    }
}
