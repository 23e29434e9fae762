package io.restorecheck.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.ConfigError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixLoaderTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("matrix.conf"), text);
    }

    @Test
    void listsOfValuesBecomeTheFullProductWithReadableNames() throws IOException {
        Matrix m = MatrixLoader.load(file("""
                postgres { shared_buffers = [16MB, 128MB], work_mem = [4MB] }
                memcached { memory-mb = [1, 64], threads = [4], max-connections = [1024], item-size-max-kb = [512] }
                """));

        assertEquals(4, m.variants().size());
        assertEquals(List.of("postgres.shared_buffers=16MB,memcached.memory-mb=1",
                "postgres.shared_buffers=16MB,memcached.memory-mb=64",
                "postgres.shared_buffers=128MB,memcached.memory-mb=1",
                "postgres.shared_buffers=128MB,memcached.memory-mb=64"),
                m.variants().stream().map(Variant::name).toList());
        Variant last = m.variants().get(3);
        assertEquals(Map.of("shared_buffers", "128MB", "work_mem", "4MB"), last.postgres());
        assertEquals(Map.of("memory-mb", 64, "threads", 4, "max-connections", 1024, "item-size-max-kb", 512),
                last.memcached());
        assertEquals("64", last.settings().get("memcached.memory-mb"));
        assertEquals(MatrixLoader.DEFAULT_REPEATS, m.repeats());
        assertEquals(MatrixLoader.DEFAULT_DURATION, m.duration());
        assertEquals(MatrixLoader.FULL_WARM_UP, m.warmUp());
        assertEquals(OptionalLong.empty(), m.shuffleSeed());
    }

    @Test
    void namedVariantsKeepTheirNamesAndOptions() throws IOException {
        Matrix m = MatrixLoader.load(file("""
                repeats = 5
                duration = 8s
                warm-up = false
                shuffle-seed = 7
                variants = [
                  { name = small-cache, memcached { memory-mb = 1 } }
                  { name = big-cache, memcached { memory-mb = 64 }, postgres { random_page_cost = 1.1 } }
                  { postgres { "auto_explain.log_min_duration" = 250ms } }
                ]
                """));

        assertEquals(List.of("small-cache", "big-cache", "postgres.auto_explain.log_min_duration=250ms"),
                m.variants().stream().map(Variant::name).toList());
        assertEquals(Map.of("random_page_cost", "1.1"), m.variants().get(1).postgres());
        assertEquals(5, m.repeats());
        assertEquals(Duration.ofSeconds(8), m.duration());
        assertEquals(Duration.ZERO, m.warmUp());
        assertEquals(OptionalLong.of(7), m.shuffleSeed());
    }

    @Test
    void unknownKeyIsAnErrorNamingFileLineAndKey() throws IOException {
        Path f = file("""
                repeats = 2
                memcached {
                  memory-mb = [1, 64]
                  memroy = [2]
                }
                """);

        ConfigError e = assertThrows(ConfigError.class, () -> MatrixLoader.load(f));

        assertEquals("memcached.memroy", e.key());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith(f + ":4: 'memcached.memroy' is not a known key"), e.getMessage());
    }

    @Test
    void unknownKeyInsideANamedVariantIsNamedWithItsIndex() throws IOException {
        Path f = file("variants = [\n  { name = a }\n  { name = b, mamcached { memory-mb = 1 } }\n]\n");

        ConfigError e = assertThrows(ConfigError.class, () -> MatrixLoader.load(f));

        assertEquals("variants[1].mamcached", e.key());
        assertEquals(3, e.line());
    }

    @Test
    void itemSizeAboveHalfTheMemoryIsAContradiction() throws IOException {
        Path f = file("memcached { memory-mb = [1, 64]\n item-size-max-kb = [1024] }\n");

        ConfigError e = assertThrows(ConfigError.class, () -> MatrixLoader.load(f));

        assertEquals("memcached.item-size-max-kb", e.key());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("memcached.memory-mb=1"), e.getMessage());
    }

    @Test
    void badValuesAreErrorsWithTheirKey() throws IOException {
        assertEquals("memcached.threads", assertThrows(ConfigError.class,
                () -> MatrixLoader.load(file("memcached { threads = [0] }"))).key());
        assertEquals("repeats", assertThrows(ConfigError.class,
                () -> MatrixLoader.load(file("repeats = two\nmemcached { threads = [4] }"))).key());
        assertEquals("duration", assertThrows(ConfigError.class,
                () -> MatrixLoader.load(file("duration = soon\nmemcached { threads = [4] }"))).key());
        assertEquals("postgres.port", assertThrows(ConfigError.class,
                () -> MatrixLoader.load(file("postgres { port = [5432] }"))).key());
        assertEquals("postgres", assertThrows(ConfigError.class, () -> MatrixLoader.load(
                file("postgres { work_mem = [4MB] }\nvariants = [ { name = a } ]"))).key());
        assertEquals("variants[1].name", assertThrows(ConfigError.class, () -> MatrixLoader.load(
                file("variants = [ { name = a }, { name = a } ]"))).key());
        assertEquals("variants", assertThrows(ConfigError.class, () -> MatrixLoader.load(file("repeats = 2"))).key());
    }

    @Test
    void aLargeShuffleSeedIsKeptExactly() throws IOException {
        Matrix m = MatrixLoader.load(file("shuffle-seed = 9007199254740993\nmemcached { threads = [4] }"));

        assertEquals(OptionalLong.of(9_007_199_254_740_993L), m.shuffleSeed());
    }

    @Test
    void missingFileIsAnError() {
        ConfigError e = assertThrows(ConfigError.class, () -> MatrixLoader.load(dir.resolve("nope.conf")));
        assertTrue(e.getMessage().contains("no such file"));
    }
}
