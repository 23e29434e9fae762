/**
 * The smoke checks: in seconds, whether every part of the site came back after a reboot or a deploy, wired to the
 * right peers and enabled at boot. Read-only: one read-only database session, three HTTP GETs (the base URL and
 * one listed page twice), memcached {@code stats}, and {@code systemctl is-active/is-enabled}. {@link Smoke} runs
 * the checks once or polls until they pass; {@link Preflight} is the part {@code accept} runs first.
 */
package io.restorecheck.smoke;
