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
                tables, n.optPath("expected-settings"), n.optDuration("max-data-loss").orElse(Duration.ofMinutes(5)),
                n.optStrings("ignore-settings").map(l -> l.stream().map(String::toLowerCase).toList())
                        .orElse(IntegritySection.DEFAULT_IGNORED_SETTINGS),
                n.bool("archiving-probe", false));
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
        CacheSection section = new CacheSection(servers, n.optNumber("min-hit-ratio", 0, 1).orElse(0.9),
                n.optInteger("max-evictions", 0, Integer.MAX_VALUE).orElse(0));
        n.rejectUnknown();
        return section;
    }

    private static LoadSection load(Node n) {
        String simulation = identifier(n, "simulation", n.optString("simulation").orElse("WikiBrowse"));
        Duration duration = n.optDuration("duration").orElse(Duration.ofSeconds(60));
        if (duration.isZero() || duration.compareTo(Duration.ofHours(2)) > 0) {
            throw n.error("duration", "must be between 1s and 2h, got " + duration.toSeconds() + "s");
        }
        LoadSection section = new LoadSection(simulation, duration, n.number("arrival-rate", 0.1, 100_000),
                n.optNumber("min-throughput", 0, 100_000).orElse(0.0),
                n.optDuration("max-p95").orElse(Duration.ofSeconds(1)),
                n.optNumber("max-error-ratio", 0, 1).orElse(0.01));
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
