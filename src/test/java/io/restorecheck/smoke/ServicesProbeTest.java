package io.restorecheck.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restorecheck.report.CheckResult;
import io.restorecheck.report.CheckStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smoke.services through the real systemctl on an offline root ({@code systemctl --root}, which reads unit files
 * the way a boot would, without systemd running): disabled fails with "will not come back after a reboot",
 * enabled cannot pass without systemd to say the unit is active. CI installs systemd's systemctl (.ci/run).
 */
class ServicesProbeTest {
    @TempDir
    Path root;

    @BeforeAll
    static void systemctl() {
        assumeTrue(Files.isExecutable(Path.of("/bin/systemctl")) || Files.isExecutable(Path.of("/usr/bin/systemctl")),
                "systemctl is not installed (Debian package systemd; .ci/run installs it)");
    }

    private void unit(String name) throws Exception {
        Path dir = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(dir.resolve(name + ".service"), "[Unit]\nDescription=restorecheck test unit\n[Service]\n"
                + "ExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n");
    }

    private void enable(String name) throws Exception {
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(wants.resolve(name + ".service"), Path.of("/etc/systemd/system/" + name + ".service"));
    }

    private CheckResult check(String... units) {
        return new ServicesProbe(List.of(units), Optional.of(root), root.resolve("run/systemd/system")).check();
    }

    @Test
    void aDisabledUnitWillNotComeBackAfterAReboot() throws Exception {
        unit("wiki");
        CheckResult r = check("wiki");
        assertEquals(CheckStatus.FAILED, r.status(), r.message());
        assertTrue(r.message().contains("wiki is disabled at boot (systemctl is-enabled): it will not come back after "
                + "a reboot (systemctl enable wiki)"), r.message());
    }

    @Test
    void anUnknownUnitFailsNamingSystemctlsAnswer() throws Exception {
        unit("wiki");
        enable("wiki");
        CheckResult r = check("wiki", "memcachd");
        assertEquals(CheckStatus.FAILED, r.status(), r.message());
        assertTrue(r.message().contains("memcachd is unknown (") && r.message().contains("will not come back"),
                r.message());
    }

    @Test
    void anEnabledUnitIsNotPassedWithoutSystemdToSayItIsActive() throws Exception {
        unit("wiki");
        enable("wiki");
        CheckResult r = check("wiki");
        assertEquals(CheckStatus.BROKEN, r.status(), r.message());
        assertTrue(r.message().contains("systemd is not running as PID 1") && r.message().contains("wiki: unknown, "
                + "enabled"), r.message());
    }

    @Test
    void debiansMemcachedUnitIsEnabledButNotPassedWithoutSystemdRunning() {
        assumeTrue(Files.isRegularFile(Path.of("/lib/systemd/system/memcached.service")),
                "Debian's memcached package installs /lib/systemd/system/memcached.service");
        assumeTrue(!Files.isDirectory(Path.of("/run/systemd/system")), "this machine runs systemd as PID 1");
        CheckResult r = ServicesProbe.ofThisMachine(List.of("memcached")).check();
        assertEquals(CheckStatus.BROKEN, r.status(), r.message());
        assertTrue(r.message().contains("memcached: unknown, enabled"), r.message());
    }

    @Test
    void noUnitsConfiguredIsSkippedSayingSo() {
        CheckResult r = check();
        assertEquals(CheckStatus.SKIPPED, r.status());
        assertTrue(r.message().contains("smoke.services"), r.message());
    }
}
