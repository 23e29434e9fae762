package io.restorecheck.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a site configuration file into a {@link SiteConfig}, or throws a {@link ConfigError} naming key, file and line. */
public final class SiteConfigLoader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:]+:\\d{1,5}");

    private SiteConfigLoader() {
    }

    public static SiteConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError(file, 0, "", "no such file");
        }
        Config config;
        try {
            // Substitutions fall back to the environment, so secrets stay out of the file: ${?WIKI_DB_PASSWORD}.
            config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve(ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            int line = e.origin() == null ? 0 : Math.max(e.origin().lineNumber(), 0);
            throw new ConfigError(file, line, "", e.getMessage().replaceFirst("^.*?: \\d+: ", ""));
        }
        Node root = new Node(config.root(), "", file);
        SiteConfig site = new SiteConfig(file,
                site(root.child("site")),
                database(root.child("database")),
                root.optChild("integrity").map(SiteConfigLoader::integrity),
                root.optChild("pages").map(SiteConfigLoader::pages),
                root.optChild("cache").map(SiteConfigLoader::cache),
                root.optChild("load").map(SiteConfigLoader::load));
        root.rejectUnknown();
        return site;
    }

    private static SiteSection site(Node n) {
        String raw = n.string("base-url");
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw n.error("base-url", "is not a URL: " + raw);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw n.error("base-url", "must be an http(s) URL with a host, got " + raw);
        }
        String pagePath = n.optString("page-path").orElse("/{name}");
        if (!pagePath.startsWith("/") || !pagePath.contains("{name}")) {
            throw n.error("page-path", "must start with / and contain {name}, got " + pagePath);
        }
        n.rejectUnknown();
        return new SiteSection(uri, pagePath);
    }

    private static DatabaseSection database(Node n) {
        String url = n.string("url");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw n.error("url", "must be a jdbc:postgresql:// URL, got " + url);
        }
        DatabaseSection db = new DatabaseSection(url, n.string("user"),
                Secret.of(n.optString("password").orElse(null)));
        n.rejectUnknown();
        return db;
    }

    private static IntegritySection integrity(Node n) {
        Path archive = n.pathValue("wal-archive");
        List<TableSpec> tables = new ArrayList<>();
        for (Node t : n.children("tables")) {
            String name = identifier(t, "name", t.string("name"));
            List<String> key = t.strings("key");
            if (key.isEmpty()) {
                throw t.error("key", "must name at least one column");
            }
            key.forEach(column -> identifier(t, "key", column));
            tables.add(new TableSpec(name, key, t.string("timestamp")));
            t.rejectUnknown();
        }
        if (tables.isEmpty()) {
            throw n.error("tables", "must list at least one table");
        }
        IntegritySection section = new IntegritySection(archive, n.optPath("base-backup"), n.optPath("postgres-bin"),
                tables, n.optPath("expected-settings"), n.optDuration("max-data-loss").orElse(Duration.ofMinutes(5)));
        n.rejectUnknown();
        return section;
    }

    private static PagesSection pages(Node n) {
        PagesSection section = new PagesSection(n.string("list-query"),
                n.optInteger("sample", 1, 10_000_000).orElse(500));
        n.rejectUnknown();
        return section;
    }

    private static CacheSection cache(Node n) {
        List<String> servers = n.strings("servers");
        if (servers.isEmpty()) {
            throw n.error("servers", "must list at least one host:port");
        }
        for (String server : servers) {
            if (!HOST_PORT.matcher(server).matches()) {
                throw n.error("servers", "entries must be host:port, got " + server);
            }
        }
        Duration sampleInterval = n.optDuration("sample-interval").orElse(Duration.ofSeconds(2));
        if (sampleInterval.toMillis() < 200 || sampleInterval.compareTo(Duration.ofMinutes(5)) > 0) {
            throw n.error("sample-interval", "must be between 200ms and 5m, got " + sampleInterval.toMillis() + "ms");
        }
        CacheSection section = new CacheSection(servers, n.optNumber("min-hit-ratio", 0, 1).orElse(0.9),
                n.optInteger("max-evictions", 0, Integer.MAX_VALUE).orElse(0), sampleInterval);
        n.rejectUnknown();
        return section;
    }

    private static LoadSection load(Node n) {
        String simulation = n.optString("simulation").orElse("WikiBrowse");
        if (!CLASS_NAME.matcher(simulation).matches()) {
            throw n.error("simulation", "must be a simple or fully-qualified class name, got " + simulation);
        }
        Duration duration = n.optDuration("duration").orElse(Duration.ofSeconds(60));
        if (duration.isZero() || duration.compareTo(Duration.ofHours(2)) > 0) {
            throw n.error("duration", "must be between 1s and 2h, got " + duration.toSeconds() + "s");
        }
        double arrivalRate = n.number("arrival-rate", 0.1, 100_000);
        double maxRate = n.optNumber("max-rate", 0.1, 100_000).orElse(Math.min(100_000, arrivalRate * 5));
        if (maxRate < arrivalRate) {
            throw n.error("max-rate", "must be at least arrival-rate (" + arrivalRate + "), got " + maxRate);
        }
        List<String> alsoVisit = n.optStrings("also-visit").orElse(List.of());
        for (String path : alsoVisit) {
            if (!path.startsWith("/")) {
                throw n.error("also-visit", "entries must be paths starting with /, got " + path);
            }
        }
        LoadSection section = new LoadSection(simulation, duration, arrivalRate,
                n.optNumber("min-throughput", 0, 100_000).orElse(0.0),
                n.optDuration("max-p95").orElse(Duration.ofSeconds(1)),
                n.optNumber("max-error-ratio", 0, 1).orElse(0.01),
                n.bool("warm-up", true), maxRate, n.optInteger("ramp-steps", 1, 100).orElse(5),
                alsoVisit, n.optNumber("also-visit-share", 0, 1).orElse(alsoVisit.isEmpty() ? 0.0 : 0.05),
                n.optNumber("popularity-skew", 0, 5).orElse(1.0));
        n.rejectUnknown();
        return section;
    }

    private static String identifier(Node n, String key, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw n.error(key, "must be a plain identifier, got " + value);
        }
        return value;
    }

    /** For callers that need the section once loaded or a clear error when it is absent. */
    public static <T> T require(SiteConfig config, Optional<T> section, String name) {
        return section.orElseThrow(() -> new ConfigError(config.source(), 0, name, "section is missing"));
    }
}
