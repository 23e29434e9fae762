package io.restorecheck.config;

/** The restored database the site runs on; the harness opens it read-only. */
public record DatabaseSection(String url, String user, Secret password) {
}
