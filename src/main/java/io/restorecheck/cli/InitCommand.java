package io.restorecheck.cli;

import io.restorecheck.siteinit.InitOptions;
import io.restorecheck.siteinit.InitResult;
import io.restorecheck.siteinit.SiteInit;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code restorecheck init}: writes a site config from the live site, every guess commented. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Writes a site config from the restored database and the live site: tables with their keys "
                + "and edit-time columns, archive and base backup, title and text selectors, link excludes, the page "
                + "list, memcached, a starting load. Every guess is commented with its evidence and alternatives.",
                "Read-only against the database; a few polite requests to the site.",
                "Exit 0: complete; 1: placeholders remain (named); 2: bad arguments."})
final class InitCommand implements Callable<Integer> {
    @Option(names = "--database", required = true, paramLabel = "URL",
            description = "The restored database, jdbc:postgresql://host:port/db.")
    String database;

    @Option(names = "--user", defaultValue = "postgres", paramLabel = "U",
            description = "Database user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password-env", defaultValue = "PGPASSWORD", paramLabel = "VAR",
            description = "Environment variable holding the password, also written into the config as ${?VAR} "
                    + "(default: ${DEFAULT-VALUE}); without it ~/.pgpass is used.")
    String passwordEnv;

    @Option(names = "--site", paramLabel = "URL", description = "The site's base URL, e.g. http://127.0.0.1:8080.")
    String site;

    @Option(names = "--old-conf", paramLabel = "FILE", description = "The old server's postgresql.conf.")
    Path oldConf;

    @Option(names = {"-o", "--output"}, defaultValue = "site.conf", paramLabel = "FILE",
            description = "Where to write the config (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (!database.startsWith("jdbc:postgresql://")) {
            throw new UsageError("--database must be a jdbc:postgresql://host:port/db URL, got " + database);
        }
        if (database.matches("(?i).*[?&]password=.*")) {
            throw new UsageError("--database must not carry the password; set $" + passwordEnv + " or ~/.pgpass");
        }
        Optional<URI> siteUri = Optional.empty();
        if (site != null) {
            try {
                URI u = new URI(site);
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw new UsageError("--site must be an http(s) URL with a host, got " + site);
                }
                siteUri = Optional.of(u);
            } catch (URISyntaxException e) {
                throw new UsageError("--site is not a URL: " + site);
            }
        }
        if (oldConf != null && !Files.isReadable(oldConf)) {
            throw new UsageError("--old-conf " + oldConf + ": no such readable file");
        }
        if (!passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UsageError("--password-env must be an environment variable name, got " + passwordEnv);
        }
        Path out = output.toAbsolutePath();
        if (out.getParent() != null && !Files.isDirectory(out.getParent())) {
            throw new UsageError("-o " + output + ": folder " + out.getParent() + " does not exist");
        }
        InitResult result = SiteInit.run(new InitOptions(database, user, passwordEnv, siteUri,
                Optional.ofNullable(oldConf), out), System.out);
        return result.placeholders().isEmpty() ? ExitCodes.PASS : ExitCodes.CHECKS_FAILED;
    }
}
