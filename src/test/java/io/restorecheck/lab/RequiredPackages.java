package io.restorecheck.lab;

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
        } catch (DebianPackage.Missing e) {
            throw new IllegalStateException("restorecheck tests: " + e.getMessage(), e);
        }
    }
}
