package io.restorecheck.lab;

/** Settings of a lab memcached daemon ({@code -m}, {@code -t}, {@code -c}, {@code -I}). */
public record MemcachedOptions(int memoryMb, int threads, int maxConnections, int itemSizeMaxKb) {
    public MemcachedOptions {
        if (memoryMb < 1 || threads < 1 || maxConnections < 1 || itemSizeMaxKb < 1) {
            throw new IllegalArgumentException("memcached options must be positive: " + memoryMb + " MB, "
                    + threads + " threads, " + maxConnections + " connections, " + itemSizeMaxKb + " KB items");
        }
    }

    public static MemcachedOptions defaults() {
        return new MemcachedOptions(64, 4, 1024, 1024);
    }

    public MemcachedOptions withMemoryMb(int mb) {
        return new MemcachedOptions(mb, threads, maxConnections, itemSizeMaxKb);
    }
}
