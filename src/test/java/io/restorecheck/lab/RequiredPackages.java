package io.restorecheck.lab;

import java.nio.file.Path;
import java.util.List;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any test runs: the Debian packages the integration tests need are there (installed with one line when
 * root with apt-get), else the run stops at once with the install command instead of a page of broken tests.
 */
public final class RequiredPackages implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            DebianPackage.MEMCACHED.require();
            // The drill's backup-tool IT and smoke.services' systemctl test (as .ci/run installs them).
            new DebianPackage("pgbackrest", List.of(Path.of("/usr/bin/pgbackrest"))).require();
            new DebianPackage("systemd", List.of(Path.of("/usr/bin/systemctl"), Path.of("/bin/systemctl"))).require();
        } catch (DebianPackage.Missing e) {
            throw new IllegalStateException("restorecheck tests: " + e.getMessage(), e);
        }
    }
}
