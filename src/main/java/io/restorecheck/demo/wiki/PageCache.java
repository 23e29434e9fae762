package io.restorecheck.demo.wiki;

/**
 * Where rendered HTML is cached. Never throws: an unreachable cache is a miss, so the
 * site keeps serving, only slower.
 */
interface PageCache extends AutoCloseable {
    /** The cached value, or null on a miss or when the cache is unreachable. */
    String get(String key);

    void set(String key, int expirySeconds, String value);

    void delete(String key);

    /** "up", "down" or "none", for the health page. */
    String state();

    @Override
    void close();

    /** A cache that holds nothing: the wiki without memcached configured. */
    static PageCache none() {
        return new PageCache() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public void set(String key, int expirySeconds, String value) {
            }

            @Override
            public void delete(String key) {
            }

            @Override
            public String state() {
                return "none";
            }

            @Override
            public void close() {
            }
        };
    }
}
