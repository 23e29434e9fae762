package io.restorecheck.smoke;

import io.restorecheck.report.CheckResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code smoke.services}: every systemd unit the config names is active now and enabled at boot. A unit that runs
 * but is not enabled fails with "will not come back after a reboot". {@code is-enabled} reads the unit files and
 * works without systemd running; {@code is-active} needs systemd as PID 1, and without it the check is broken
 * (it cannot see), never passed.
 */
final class ServicesProbe {
    static final String SERVICES = "smoke.services";
    private static final long SYSTEMCTL_TIMEOUT_SECONDS = 10;

    private final List<String> units;
    private final Optional<Path> root;
    private final Path systemdRuntime;

    /**
     * @param root           {@code systemctl --root} (an offline image, for tests), or empty for this machine
     * @param systemdRuntime {@code /run/systemd/system}: present exactly when systemd runs as PID 1 (sd_booted)
     */
    ServicesProbe(List<String> units, Optional<Path> root, Path systemdRuntime) {
        this.units = List.copyOf(units);
        this.root = root;
        this.systemdRuntime = systemdRuntime;
    }

    static ServicesProbe ofThisMachine(List<String> units) {
        return new ServicesProbe(units, Optional.empty(), Path.of("/run/systemd/system"));
    }

    CheckResult check() {
        if (units.isEmpty()) {
            return CheckResult.skipped(SERVICES, "the site config names no systemd units (smoke.services)");
        }
        long t0 = System.nanoTime();
        boolean booted = root.isEmpty() && Files.isDirectory(systemdRuntime);
        List<String> problems = new ArrayList<>();
        List<String> unseen = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        for (String unit : units) {
            Answer enabled = systemctl("is-enabled", unit);
            // enabled, enabled-runtime, alias, static, indirect, generated: started at boot by some path.
            boolean atBoot = List.of("enabled", "enabled-runtime", "alias", "static", "indirect", "generated")
                    .contains(enabled.text);
            String active = "unknown";
            if (booted) {
                Answer a = systemctl("is-active", unit);
                active = a.text;
                if (!"active".equals(a.text)) {
                    problems.add(unit + " is " + describe(a) + " (systemctl is-active), expected active");
                }
            } else {
                unseen.add(unit);
            }
            if (!atBoot) {
                problems.add(unit + " is " + describe(enabled) + " at boot (systemctl is-enabled): "
                        + ("active".equals(active) ? "it runs now but " : "it ") + "will not come back after a reboot"
                        + ("disabled".equals(enabled.text) ? " (systemctl enable " + unit + ")" : ""));
            }
            facts.add(unit + ": " + active + ", " + enabled.text);
        }
        String seen = String.join("; ", facts) + "; " + Messages.millis(t0);
        if (!problems.isEmpty()) {
            return CheckResult.failed(SERVICES, problems.size(), 0, "units", String.join("; ", problems)
                    + " (" + seen + ")");
        }
        if (!unseen.isEmpty()) {
            return CheckResult.broken(SERVICES, "enabled at boot, but whether " + unseen + " run now is unknown: "
                    + "systemd is not running as PID 1 here (no " + systemdRuntime + "), so systemctl is-active "
                    + "cannot answer (" + seen + ")");
        }
        return CheckResult.passed(SERVICES, 0, 0, "units", "all active and enabled at boot: " + seen);
    }

    private static String describe(Answer a) {
        return a.text.isEmpty() ? "unknown (" + a.error + ")" : a.text;
    }

    private record Answer(String text, String error) {
    }

    private Answer systemctl(String verb, String unit) {
        List<String> command = new ArrayList<>(List.of("systemctl"));
        root.ifPresent(r -> command.add("--root=" + r));
        command.addAll(List.of(verb, "--", unit));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            if (!p.waitFor(SYSTEMCTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Answer("", "systemctl " + verb + " did not answer within " + SYSTEMCTL_TIMEOUT_SECONDS
                        + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            // systemctl prints the state on stdout even when it exits non-zero (disabled, inactive, failed...).
            String first = out.lines().findFirst().orElse("");
            return new Answer(first, err.isEmpty() ? "exit " + p.exitValue() : err.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return new Answer("", "systemctl could not run: " + Messages.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer("", "interrupted");
        }
    }
}
