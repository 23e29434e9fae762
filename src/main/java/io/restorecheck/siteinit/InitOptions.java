package io.restorecheck.siteinit;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code init} is given.
 *
 * @param passwordEnv the environment variable holding the database password: read for init's own session and
 *                    written into the config as {@code ${?VAR}}; without it, ~/.pgpass is used (by the driver)
 */
public record InitOptions(String databaseUrl, String user, String passwordEnv, Optional<URI> site,
                          Optional<Path> oldConf, Path output) {
}
