package io.restorecheck.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Reads a site configuration file into a {@link SiteConfig}, or throws a {@link ConfigError} naming key, file and line. */
public final class SiteConfigLoader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:]+:\\d{1,5}");
    /** {@code ?password=} / {@code &password=} in the query, or {@code user:secret@} before the host. */
    private static final Pattern PASSWORD_IN_URL = Pattern.compile(
            "([?&;]password=)|(^jdbc:postgresql://[^/?@]*:[^/?@]*@)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_ROUNDS = 50;

    private SiteConfigLoader() {
    }

    public static SiteConfig load(Path file) {
        Config config = HoconFile.parse(file);
        // Every mistake at once: each section is read on its own, and a key found wrong is taken out and the file
        // read again, until no new key is wrong (a required key taken out only reports itself missing: not new).
        Map<String, ConfigError> reported = new LinkedHashMap<>();
        Config current = config;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<ConfigError> found = new ArrayList<>();
            SiteConfig site = build(current, file, found);
            if (found.isEmpty() && reported.isEmpty()) {
                return site;
            }
            boolean progressed = false;
            for (ConfigError e : found) {
                if (reported.putIfAbsent(e.key(), e) == null) {
                    Optional<Config> without = without(current, e.key());
                    if (without.isPresent()) {
                        current = without.get();
                        progressed = true;
                    }
                }
            }
            if (!progressed) {
                break;
            }
        }
        throw ConfigError.all(reported.values().stream()
                .sorted(java.util.Comparator.comparingInt(ConfigError::line)).toList());
    }

    /** The config read section by section; a section that fails adds its first error to {@code errors}. */
    private static SiteConfig build(Config config, Path file, List<ConfigError> errors) {
        Node root = new Node(config.root(), "", file);
        SiteSection site = section(errors, () -> site(root.child("site")));
        DatabaseSection database = section(errors, () -> database(root.child("database")));
        Optional<IntegritySection> integrity = section(errors,
                () -> root.optChild("integrity").map(SiteConfigLoader::integrity));
        Optional<PagesSection> pages = section(errors, () -> root.optChild("pages").map(SiteConfigLoader::pages));
        Optional<CacheSection> cache = section(errors, () -> root.optChild("cache").map(SiteConfigLoader::cache));
        Optional<LoadSection> load = section(errors, () -> root.optChild("load").map(SiteConfigLoader::load));
        SmokeSection smoke = section(errors,
                () -> root.optChild("smoke").map(SmokeSectionReader::read).orElse(SmokeSection.DEFAULT));
        Optional<IntegritySection> integrityForDrill = integrity == null ? Optional.empty() : integrity;
        Optional<DrillSection> drill = section(errors,
                () -> root.optChild("drill").map(d -> DrillSectionReader.read(d, integrityForDrill)));
        section(errors, () -> {
            root.rejectUnknown();
            return null;
        });
        return errors.isEmpty() ? new SiteConfig(file, site, database, integrity, pages, cache, load, smoke, drill)
                : null;
    }

    private static <T> T section(List<ConfigError> errors, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigError e) {
            errors.add(e);
            return null;
        }
    }

    /** The config without the key an error names, or empty when it cannot be taken out (a list item, the file). */
    private static Optional<Config> without(Config config, String key) {
        if (key.isEmpty() || key.contains("[")) {
            return Optional.empty();
        }
        String path = ConfigUtil.joinPath(List.of(key.split("\\.")));
        try {
            return config.hasPathOrNull(path) ? Optional.of(config.withoutPath(path)) : Optional.empty();
        } catch (ConfigException e) {
            return Optional.empty();
        }
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
        if (PASSWORD_IN_URL.matcher(url).find()) {
            // Not echoed: the URL holds the secret. A password in the URL would reach check messages and logs.
            throw n.error("url", "carries a password; remove it from the URL and set database.password instead,"
                    + " read from the environment: password = ${?WIKI_DB_PASSWORD}");
        }
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
            String name = t.string("name");
            if (!TableName.isValid(name)) {
                throw t.error("name", "must be a table name as SQL spells it (table, schema.table, \"Quoted\" "
                        + "parts for exact case), got " + name);
            }
            List<String> key = t.strings("key");
            if (key.isEmpty()) {
                throw t.error("key", "must name at least one column");
            }
            key.forEach(column -> identifier(t, "key", column));
            tables.add(new TableSpec(name, key, t.optString("timestamp").filter(x -> !x.isBlank())));
            t.rejectUnknown();
        }
        if (tables.isEmpty()) {
            throw n.error("tables", "must list at least one table");
        }
        Optional<Duration> maxDataLoss = n.optDuration("max-data-loss");
        List<String> ignored = new ArrayList<>(n.optStrings("ignore-settings")
                .orElse(IntegritySection.DEFAULT_IGNORED_SETTINGS));
        // ignore-settings replaces the defaults; ignore-settings-add extends them (or the list given).
        ignored.addAll(n.optStrings("ignore-settings-add").orElse(List.of()));
        IntegritySection section = new IntegritySection(archive, n.optPath("base-backup"), n.optPath("postgres-bin"),
                tables, n.optPath("expected-settings"),
                maxDataLoss.orElse(IntegritySection.FALLBACK_MAX_DATA_LOSS),
                ignored.stream().map(String::toLowerCase).distinct().toList(),
                n.bool("archiving-probe", false), maxDataLoss.isPresent(),
                n.optInteger("compare-workers", 1, IntegritySection.MAX_COMPARE_WORKERS)
                        .map(OptionalInt::of).orElse(OptionalInt.empty()));
        n.rejectUnknown();
        return section;
    }

    private static PagesSection pages(Node n) {
        String listQuery = n.string("list-query");
        int sample = n.optString("sample").filter("all"::equals).isPresent() ? PagesSection.ALL
                : n.optInteger("sample", 1, 10_000_000).orElse(500);
        long seed = n.optInteger("seed", 0, Integer.MAX_VALUE).orElse(1);
        Optional<String> recentOrder = n.optString("recent-order").filter(s -> !s.isBlank());
        Optional<String> recentQuery = n.optString("recent-query").filter(s -> !s.isBlank());
        if (recentOrder.isPresent() && recentQuery.isPresent()) {
            throw n.error("recent-query", "give either recent-order or recent-query, not both");
        }
        int recent = n.optInteger("recent", 0, 100_000)
                .orElse(recentOrder.isPresent() || recentQuery.isPresent() ? 50 : 0);
        if (recent > 0 && recentOrder.isEmpty() && recentQuery.isEmpty()) {
            throw n.error("recent", "needs recent-order (e.g. \"editTime DESC\") or recent-query to know which"
                    + " pages were edited last");
        }
        PagesSection.Title title = n.optChild("title").map(SiteConfigLoader::pageTitle)
                .orElse(PagesSection.Title.DEFAULT);
        PagesSection.Text text = n.optChild("text").map(SiteConfigLoader::pageText).orElse(PagesSection.Text.DEFAULT);
        PagesSection.Links links = n.optChild("links").map(SiteConfigLoader::pageLinks)
                .orElse(PagesSection.Links.DEFAULT);
        List<String> contentTypes = n.optStrings("content-types").orElse(List.of("text/html"));
        List<String> markers = n.optStrings("error-markers").orElse(PagesSection.DEFAULT_ERROR_MARKERS);
        int concurrency = n.optInteger("concurrency", 1, 64).orElse(4);
        double maxRate = n.optNumber("max-rate", 0.1, 10_000).orElse(50.0);
        Duration timeout = n.optDuration("request-timeout").orElse(Duration.ofSeconds(10));
        if (timeout.isZero()) {
            throw n.error("request-timeout", "must be more than 0");
        }
        PagesSection section = new PagesSection(listQuery, sample, seed, recent, recentOrder, recentQuery, title, text,
                links, contentTypes, markers, concurrency, maxRate, timeout);
        n.rejectUnknown();
        return section;
    }

    private static PagesSection.Title pageTitle(Node n) {
        PagesSection.Title d = PagesSection.Title.DEFAULT;
        String format = n.optString("format").orElse(d.format());
        if (!format.contains("{title}")) {
            throw n.error("format", "must contain {title}, got " + format);
        }
        PagesSection.Title title = new PagesSection.Title(n.optString("column").orElse(d.column()),
                selector(n, "selector", d.selector()), format,
                choice(n, "case", "sensitive", "insensitive", d.caseSensitive()),
                choice(n, "whitespace", "collapse", "exact", d.collapseWhitespace()),
                choice(n, "entities", "decode", "keep", d.decodeEntities()),
                n.bool("underscores-as-spaces", d.underscoresAsSpaces()));
        n.rejectUnknown();
        return title;
    }

    private static PagesSection.Text pageText(Node n) {
        PagesSection.Text d = PagesSection.Text.DEFAULT;
        String markup = n.optString("markup").orElse(d.markup().name().toLowerCase(java.util.Locale.ROOT));
        PagesSection.Markup kind = java.util.Arrays.stream(PagesSection.Markup.values())
                .filter(m -> m.name().equalsIgnoreCase(markup)).findFirst()
                .orElseThrow(() -> n.error("markup", "must be plain, wiki or html, got " + markup));
        String matchName = n.optString("match").orElse("runs");
        PagesSection.Match match = java.util.Arrays.stream(PagesSection.Match.values())
                .filter(m -> m.name().replace('_', '-').equalsIgnoreCase(matchName)).findFirst()
                .orElseThrow(() -> n.error("match", "must be runs or in-order, got " + matchName));
        PagesSection.Text text = new PagesSection.Text(n.optString("column").orElse(d.column()),
                selector(n, "selector", d.selector()), kind, n.optInteger("words", 1, 100_000).orElse(d.words()),
                n.optNumber("min-fraction", 0, 1).orElse(d.minFraction()),
                choice(n, "case", "sensitive", "insensitive", d.caseSensitive()), match,
                n.optInteger("min-run", 1, 1_000).orElse(d.minRun()),
                n.optInteger("max-changed-words", 0, 100_000).orElse(d.maxChangedWords()));
        n.rejectUnknown();
        return text;
    }

    private static PagesSection.Links pageLinks(Node n) {
        PagesSection.Links d = PagesSection.Links.DEFAULT;
        List<java.util.regex.Pattern> exclude = new ArrayList<>();
        for (String regex : n.optStrings("exclude").orElse(List.of())) {
            try {
                exclude.add(Pattern.compile(regex));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw n.error("exclude", "is not a regular expression: " + regex + " (" + e.getDescription() + ")");
            }
        }
        PagesSection.Links links = new PagesSection.Links(n.bool("check", d.check()),
                selector(n, "selector", d.selector()), exclude,
                n.optInteger("max-targets", 0, 1_000_000).orElse(d.maxTargets()));
        n.rejectUnknown();
        return links;
    }

    /** A CSS selector, parsed once here so that a typo is a config error and not a broken check. */
    private static String selector(Node n, String key, String fallback) {
        String selector = n.optString(key).orElse(fallback);
        try {
            org.jsoup.select.QueryParser.parse(selector);
        } catch (RuntimeException e) {
            throw n.error(key, "is not a CSS selector: " + selector + " (" + e.getMessage() + ")");
        }
        return selector;
    }

    /** A two-valued setting spelled as words: true for {@code yes}, false for {@code no}. */
    private static boolean choice(Node n, String key, String yes, String no, boolean fallback) {
        Optional<String> value = n.optString(key);
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get().equals(yes) || value.get().equals(no)) {
            return value.get().equals(yes);
        }
        throw n.error(key, "must be " + yes + " or " + no + ", got " + value.get());
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
                n.optNumber("popularity-skew", 0, 5).orElse(1.0), capacity(n, arrivalRate, maxRate),
                n.optChild("injectors").map(InjectorsSectionReader::read).orElse(InjectorsSection.DEFAULT));
        n.rejectUnknown();
        return section;
    }

    private static LoadSection.Capacity capacity(Node n, double arrivalRate, double maxRate) {
        double start = n.optNumber("capacity-start", 0.1, 100_000).orElse(arrivalRate);
        if (start > maxRate) {
            throw n.error("capacity-start", "must be at most max-rate (" + maxRate + "), got " + start);
        }
        Duration budget = n.optDuration("capacity-budget").orElse(Duration.ofSeconds(60));
        Duration settle = n.optDuration("capacity-settle").orElse(Duration.ofSeconds(1));
        Duration step = n.optDuration("capacity-step").orElse(Duration.ofSeconds(3));
        if (budget.compareTo(Duration.ofHours(1)) > 0) {
            throw n.error("capacity-budget", "must be between 0s (no capacity search) and 1h, got "
                    + budget.toSeconds() + "s");
        }
        if (step.compareTo(Duration.ofSeconds(1)) < 0 || step.compareTo(Duration.ofMinutes(10)) > 0) {
            throw n.error("capacity-step", "must be between 1s and 10m, got " + step.toMillis() + "ms");
        }
        if (settle.compareTo(Duration.ofMinutes(10)) > 0) {
            throw n.error("capacity-settle", "must be at most 10m, got " + settle.toSeconds() + "s");
        }
        if (!budget.isZero() && budget.compareTo(settle.plus(step)) < 0) {
            throw n.error("capacity-budget", "must leave room for one probe (capacity-settle + capacity-step = "
                    + settle.plus(step).toMillis() + " ms), or be 0s to turn the search off; got "
                    + budget.toMillis() + " ms");
        }
        return new LoadSection.Capacity(n.optNumber("min-capacity", 0, 100_000).orElse(arrivalRate), start,
                n.optNumber("capacity-resolution", 0.01, 1).orElse(0.1), budget, settle, step);
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
