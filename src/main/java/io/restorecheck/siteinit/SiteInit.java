package io.restorecheck.siteinit;

import io.restorecheck.config.DatabaseSection;
import io.restorecheck.config.Secret;
import io.restorecheck.config.SiteConfigLoader;
import io.restorecheck.integrity.PostgresConf;
import io.restorecheck.db.ReadOnlyConnections;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;

/**
 * {@code init}: surveys the restored database and the live site, read-only and politely, and writes a site config
 * that {@code accept} loads unchanged. Every guess is commented with its evidence and the alternatives; what could
 * not be found is a commented placeholder saying where to look, and is named in the result.
 */
public final class SiteInit {
    private static final Pattern CONFIGURABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Pages the pages suite samples: enough to catch a broken template, few enough for a first run. */
    static final int PAGES_SAMPLE = 100;
    static final int RECENT = 50;

    private final InitOptions options;
    private final PrintStream out;
    private final ConfigText text = new ConfigText();
    private String siteProblem = "no site given (init --site URL)";

    private SiteInit(InitOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static InitResult run(InitOptions options, PrintStream out) throws SQLException, IOException {
        return new SiteInit(options, out).run();
    }

    private InitResult run() throws SQLException, IOException {
        String password = options.passwordEnv() == null ? null : System.getenv(options.passwordEnv());
        DatabaseSection db = new DatabaseSection(options.databaseUrl(), options.user(), Secret.of(password));
        try (Connection c = ReadOnlyConnections.open(db, "init")) {
            note("database " + options.databaseUrl() + " as " + options.user() + " (read-only)");
            Surveyed survey = SchemaSurvey.survey(c);
            note(survey.tables().size() + " tables with a primary key, " + survey.withoutKey().size() + " without");
            ArchiveGuess.Result archive = ArchiveGuess.guess(c);
            SitePart site = null;
            if (options.site().isPresent()) {
                try {
                    site = site(c, survey, options.site().get());
                } catch (IOException e) {
                    // The site is down or refuses us: the database part is still worth writing.
                    siteProblem = "the site could not be surveyed: " + e.getMessage();
                    note(siteProblem);
                }
            }
            header(archive);
            siteSection(site);
            databaseSection();
            integrity(survey, archive);
            pages(site);
            cache(site);
            load(site);
        }
        Files.writeString(options.output(), text.toString());
        List<String> placeholders = text.placeholders();
        if (placeholders.isEmpty()) {
            // The promise is that accept loads it unchanged: check it with accept's own loader before saying so.
            try {
                SiteConfigLoader.load(options.output());
            } catch (io.restorecheck.config.ConfigError e) {
                // init's own mistake, not the operator's arguments: exit 3, not 2.
                throw new IllegalStateException("init wrote a config its loader refuses (please report it): "
                        + e.getMessage(), e);
            }
        }
        note("wrote " + options.output() + (placeholders.isEmpty() ? " (complete)"
                : "; not determined, left as placeholders: " + String.join(", ", placeholders)));
        return new InitResult(options.output(), placeholders);
    }

    /** What the site survey found, for the pages, cache and load sections. */
    private record SitePart(SiteSurvey.Shape shape, Optional<PageListGuess.Guess> pageList,
                            Optional<Markup.Guess> markup, Optional<Selectors.Proposal> title, String titleFormat,
                            String titleEvidence, Optional<Selectors.Proposal> content, LinkExcludes.Result links,
                            LoadProbe.Result load, CacheProbe.Result cache) {
    }

    private SitePart site(Connection c, Surveyed survey, URI base) throws SQLException, IOException {
        Http http = new Http();
        CacheProbe.Before before = CacheProbe.before(base.getHost());
        SiteSurvey.Shape shape = SiteSurvey.survey(base, http);
        note("site " + base + ": " + shape.pages().size() + " pages fetched, page path " + shape.pagePath());
        List<String> names = new ArrayList<>(shape.linkedNames());
        shape.pages().stream().map(SiteSurvey.Page::name).filter(n -> n != null && !names.contains(n))
                .forEach(names::add);
        Optional<PageListGuess.Guess> list = PageListGuess.guess(c, survey, names);
        Optional<Markup.Guess> markup = list.isPresent()
                ? Optional.of(Markup.of(PageListGuess.sampleTexts(c, list.get(), 50))) : Optional.empty();
        List<Selectors.Sample> samples = new ArrayList<>();
        for (SiteSurvey.Page page : shape.pages()) {
            Optional<String[]> row = list.isPresent() && page.name() != null
                    ? PageListGuess.row(c, list.get(), page.name()) : Optional.empty();
            if (row.isPresent() && row.get()[0] != null) {
                String title = list.get().underscores() ? row.get()[0].replace('_', ' ') : row.get()[0];
                samples.add(new Selectors.Sample(page.doc(), title, Optional.ofNullable(row.get()[1])
                        .map(t -> Markup.visible(t, markup.get().markup()))));
            }
        }
        if (samples.isEmpty()) {
            samples.addAll(Selectors.fromHeadTitles(shape.pages().stream().map(SiteSurvey.Page::doc).toList()));
        }
        Optional<Selectors.Proposal> title = Selectors.title(samples);
        String format = "{title}";
        String titleEvidence = title.map(Selectors.Proposal::evidence).orElse("");
        if (title.isEmpty() && !samples.isEmpty()) {
            Selectors.Sample s = samples.get(0);
            String head = Selectors.collapse(s.doc().title());
            if (head.contains(s.title())) {
                format = head.replace(s.title(), "{title}");
                title = Optional.of(new Selectors.Proposal("title", 1, samples.size(), "no element of the body"
                        + " shows the title alone; the <title> reads '" + head + "'"));
                titleEvidence = title.get().evidence();
            }
        }
        Optional<Selectors.Proposal> content = Selectors.content(samples, 200);
        List<Document> docs = shape.pages().stream().map(SiteSurvey.Page::doc).toList();
        String basePath = base.getPath() == null ? "" : base.getPath().replaceAll("/$", "");
        LinkExcludes.Result links = LinkExcludes.of(docs, base, path -> {
            if (list.isEmpty() || !path.startsWith(basePath + "/")) {
                return false;
            }
            String rel = path.substring(basePath.length());
            String folder = shape.pagePath().replace("{name}", "");
            String name = rel.startsWith(folder) ? java.net.URLDecoder.decode(rel.substring(folder.length()),
                    java.nio.charset.StandardCharsets.UTF_8) : rel;
            try {
                return PageListGuess.row(c, list.get(), name).isPresent();
            } catch (SQLException e) {
                return false;
            }
        });
        List<URI> pageUris = shape.pages().stream().filter(p -> p.name() != null).map(SiteSurvey.Page::uri).toList();
        for (SiteSurvey.Page page : shape.pages()) {
            CacheProbe.fromHeaders(before, page.got().headers(), http.requests());
        }
        LoadProbe.Result load = LoadProbe.probe(pageUris.isEmpty() ? List.of(base) : pageUris, http);
        note("load probe: " + load.evidence());
        CacheProbe.Result cache = CacheProbe.after(before, http.requests());
        note("memcached: " + (cache.servers().isEmpty() ? "not found (" + cache.evidence() + ")" : cache.servers()
                + " (" + cache.evidence() + ")"));
        return new SitePart(shape, list, markup, title, format, titleEvidence, content, links, load, cache);
    }

    private void header(ArchiveGuess.Result archive) {
        text.comment("Site config written by 'restorecheck init' at " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + " from " + options.databaseUrl() + options.site().map(s -> " and " + s).orElse("")
                + archive.serverVersion().map(v -> " (PostgreSQL " + v + ")").orElse("") + ".");
        text.comment("Every guess says why it was made and what else was possible; PLACEHOLDER marks what could not"
                + " be found. Check a change in seconds with: restorecheck accept --dry-run -c " + options.output());
        text.blank();
    }

    private void siteSection(SitePart site) {
        if (site == null) {
            if (options.site().isPresent()) {
                text.comment("page-path: the default; " + siteProblem);
                text.line("site { base-url = " + ConfigText.q(options.site().get().toString()) + " }");
                return;
            }
            text.open("site");
            text.placeholder("base-url", "site.base-url", "\"http://127.0.0.1:8080\"",
                    "the site's address was not given (init --site URL)");
            text.close();
            return;
        }
        text.comment("page-path: " + site.shape().evidence());
        text.line("site { base-url = " + ConfigText.q(site.shape().baseUrl().toString()) + ", page-path = "
                + ConfigText.q(site.shape().pagePath()) + " }");
    }

    private void databaseSection() {
        String env = options.passwordEnv() == null ? "PGPASSWORD" : options.passwordEnv();
        text.comment("The password is never written here: it comes from $" + env + " when set, else from"
                + " ~/.pgpass (read by the driver). Sessions are read-only.");
        text.line("database { url = " + ConfigText.q(options.databaseUrl()) + ", user = "
                + ConfigText.q(options.user()) + ", password = ${?" + env + "} }");
        text.blank();
    }

    private void integrity(Surveyed survey, ArchiveGuess.Result archive) {
        text.open("integrity");
        ArchiveGuess.Found wal = archive.archive();
        if (wal.path().isEmpty() && options.oldConf().isPresent()) {
            wal = fromOldConf(wal);
        }
        if (wal.path().isPresent()) {
            text.comment("wal-archive: " + wal.evidence());
            text.line("wal-archive = " + ConfigText.q(wal.path().get().toString()));
        } else {
            text.placeholder("wal-archive", "integrity.wal-archive", "\"/srv/wal-archive\"", wal.evidence()
                    + (wal.alternatives().isEmpty() ? "" : "; candidates: " + wal.alternatives()));
        }
        ArchiveGuess.Found base = archive.baseBackup();
        if (base.path().isPresent()) {
            text.comment("base-backup (enables the reference replay the tables are compared with): " + base.evidence()
                    + (base.alternatives().isEmpty() ? "" : "; other base backups seen: " + base.alternatives()));
            text.line("base-backup = " + ConfigText.q(base.path().get().toString()));
        } else {
            text.placeholder("base-backup", "integrity.base-backup", "\"/srv/base-backup\"", base.evidence()
                    + ". Without it the tables have no reference to be compared with.");
        }
        if (options.oldConf().isPresent()) {
            Path conf = options.oldConf().get().toAbsolutePath();
            int settings = PostgresConf.read(conf).size();
            text.comment("expected-settings: the old server's postgresql.conf given with --old-conf (" + settings
                    + " settings); the restored server must carry them, except those that must differ on a new host");
            text.line("expected-settings = " + ConfigText.q(conf.toString()));
        } else {
            text.comment("expected-settings = \"/path/to/old/postgresql.conf\"   # not given (init --old-conf FILE):"
                    + " integrity.settings.drift is skipped without it");
        }
        tables(survey);
        text.close();
        text.blank();
    }

    private ArchiveGuess.Found fromOldConf(ArchiveGuess.Found fallback) {
        PostgresConf.Entry cmd = PostgresConf.read(options.oldConf().get()).get("archive_command");
        if (cmd == null) {
            return fallback;
        }
        Optional<Path> dir = ArchiveGuess.pathOfF(cmd.value());
        if (dir.isPresent() && Files.isDirectory(dir.get())) {
            return new ArchiveGuess.Found(dir, "the old server's archive_command (" + cmd.where() + ") wrote "
                    + "segments into it; " + fallback.evidence(), List.of());
        }
        return fallback;
    }

    private void tables(Surveyed survey) {
        text.comment("tables: every table with a primary key, the most data first (size includes indexes and TOAST;"
                + " writes are counted since the statistics were last reset, which a restore does). The timestamp is"
                + " the edit-time candidate whose name says 'edited' most clearly; the others are listed.");
        text.line("tables = [");
        int written = 0;
        for (Surveyed.Table t : survey.tables()) {
            text.comment("  " + t.schema() + "." + t.name() + ": " + rows(t) + ", " + size(t.totalBytes()) + ", "
                    + t.writes() + " writes; key = primary key (" + String.join(", ", t.key()) + ")"
                    + (t.resolvesUnqualified() ? "" : "; not found through the search_path, so schema-qualified"));
            for (Surveyed.TimeColumn x : t.excluded()) {
                text.comment("    not an edit time: " + x.column() + ": " + x.evidence());
            }
            String keys = "[" + String.join(", ", t.key().stream().map(ConfigText::q).toList()) + "]";
            String entry = "{ name = " + ConfigText.q(t.configName()) + ", key = " + keys;
            if (t.editTime().isPresent()) {
                Surveyed.TimeColumn ts = t.editTime().get();
                List<String> alternatives = t.timeColumns().stream().skip(1)
                        .map(a -> a.column() + " (" + a.evidence() + ")").toList();
                text.comment("    timestamp: " + ts.column() + ", a " + ts.evidence()
                        + (alternatives.isEmpty() ? "; no other candidate" : "; alternatives: "
                        + String.join("; ", alternatives)));
                entry += ", timestamp = " + ConfigText.q(ts.expression()) + " }";
            } else {
                text.comment("    no edit-time column (no timestamp, and no number that reads as epoch seconds): rows"
                        + " and content are compared, the latest edit is not");
                entry += " }";
            }
            if (t.key().stream().allMatch(k -> CONFIGURABLE.matcher(k).matches())) {
                text.line("  " + entry);
                written++;
            } else {
                text.comment("    a key column is not a plain identifier, which the config cannot name yet:"
                        + " commented out");
                text.line("  # " + entry);
            }
        }
        text.line("]");
        if (written == 0) {
            text.placeholder("tables", "integrity.tables", "[ { name = pages, key = [id], timestamp = edited_at } ]",
                    "no table with a primary key could be listed");
        }
        if (!survey.withoutKey().isEmpty()) {
            text.comment("Tables without a primary key are not compared: without a key a row on the restored server"
                    + " cannot be matched with its row on the reference (add a key, or a unique column, to compare"
                    + " them):");
            for (Surveyed.Table t : survey.withoutKey()) {
                text.comment("  " + t.schema() + "." + t.name() + ": " + rows(t) + ", " + size(t.totalBytes()));
            }
        }
    }

    private void pages(SitePart site) {
        if (site == null) {
            text.open("pages");
            text.placeholder("list-query", "pages.list-query", "\"SELECT title, text FROM pages\"", siteProblem
                    + "; without this section the pages suite is skipped");
            text.close();
            text.blank();
            return;
        }
        text.open("pages");
        if (site.pageList().isPresent()) {
            PageListGuess.Guess g = site.pageList().get();
            Optional<Surveyed.TimeColumn> edit = g.table().editTime();
            String sql = "SELECT " + SchemaSurvey.ident(g.titleColumn()) + " AS title, "
                    + SchemaSurvey.ident(g.textColumn()) + " AS text"
                    + edit.map(e -> ", " + SchemaSurvey.ident(e.column()) + " AS edit_time").orElse("")
                    + " FROM " + g.sqlTable();
            String sure = g.matched() == g.looked() ? "all" : g.matched() + " of " + g.looked();
            text.comment("list-query: " + sure + " page names linked from the site were found in "
                    + g.table().configName() + "." + g.titleColumn() + (g.underscores() ? " as spelt in URLs"
                    : " (URL underscores read as spaces)") + "; the text is its longest text column, "
                    + g.textColumn() + (g.alternatives().isEmpty() ? "" : ". Other matches: "
                    + String.join(", ", g.alternatives())));
            text.line("list-query = " + ConfigText.q(sql));
            text.line("sample = " + PAGES_SAMPLE);
            if (edit.isPresent()) {
                text.comment("the " + RECENT + " most recently edited pages are checked too: the edits a restore"
                        + " loses first");
                text.line("recent = " + RECENT + ", recent-order = \"edit_time DESC\"");
            }
        } else {
            text.placeholder("list-query", "pages.list-query", "\"SELECT title, text FROM pages\"",
                    "no table's text column holds the page names the site links to (" + site.shape().linkedNames()
                            .stream().limit(5).toList() + "...): write the query that lists pages with title and text");
        }
        if (site.title().isPresent()) {
            Selectors.Proposal t = site.title().get();
            text.comment("title: " + site.titleEvidence());
            text.line("title { selector = " + ConfigText.q(t.selector())
                    + (site.titleFormat().equals("{title}") ? "" : ", format = " + ConfigText.q(site.titleFormat()))
                    + (site.pageList().map(PageListGuess.Guess::underscores).orElse(false)
                    ? ", underscores-as-spaces = true" : "") + " }");
        } else {
            text.placeholder("title", "pages.title.selector", "{ selector = \"h1\" }",
                    "no element showed the page's title on the sampled pages");
        }
        String markup = site.markup().map(Markup.Guess::markup).orElse("plain");
        site.markup().ifPresent(m -> text.comment("text markup: " + m.evidence()));
        if (site.content().isPresent()) {
            text.comment("text selector: " + site.content().get().evidence());
            text.line("text { markup = " + markup + ", selector = " + ConfigText.q(site.content().get().selector())
                    + " }");
        } else {
            text.comment("text selector: no element held the database text on every sampled page; the whole body"
                    + " is searched (the default)");
            text.line("text { markup = " + markup + " }");
        }
        if (site.links().excludes().isEmpty()) {
            text.comment("links: no link is on every sampled page, so nothing is excluded");
        } else {
            for (LinkExcludes.Exclude e : site.links().excludes()) {
                text.comment("links.exclude " + e.regex() + ": " + e.evidence());
            }
            if (!site.links().keptPages().isEmpty()) {
                text.comment("on every page too but kept, being pages: " + site.links().keptPages());
            }
            text.line("links { exclude = [" + String.join(", ", site.links().excludes().stream()
                    .map(e -> ConfigText.q(e.regex())).toList()) + "] }");
        }
        text.close();
        text.blank();
    }

    private void cache(SitePart site) {
        if (site == null) {
            text.open("cache");
            text.placeholder("servers", "cache.servers", "[\"127.0.0.1:11211\"]", siteProblem + ", so the site's"
                    + " memcached could not be told from others; if the site has none, delete this section");
            text.close();
            text.blank();
            return;
        }
        if (site.cache().servers().isEmpty()) {
            text.open("cache");
            text.placeholder("servers", "cache.servers", "[\"127.0.0.1:11211\"]", site.cache().evidence()
                    + ". Look at the application's cache settings. If the site has no memcached, delete this section");
            text.close();
            text.blank();
            return;
        }
        text.comment("cache.servers: " + site.cache().evidence() + (site.cache().others().isEmpty() ? ""
                + "" : "; not taken: " + site.cache().others()));
        text.comment("min-hit-ratio 0.8: a short run on a cold cache misses once per page it sees first");
        text.line("cache { servers = [" + String.join(", ", site.cache().servers().stream().map(ConfigText::q).toList())
                + "], min-hit-ratio = 0.8, max-evictions = 0 }");
        text.blank();
    }

    private void load(SitePart site) {
        if (site == null) {
            text.open("load");
            text.placeholder("arrival-rate", "load.arrival-rate", "10", siteProblem + ", so no starting rate could"
                    + " be measured; without this section the load suite is skipped");
            text.close();
            return;
        }
        LoadProbe.Result p = site.load();
        text.comment("load: " + p.evidence() + ".");
        text.comment("arrival-rate " + fmt(p.arrivalRate()) + " = " + Math.round(LoadProbe.START_SHARE * 100)
                + "% of that, at most " + fmt(LoadProbe.MAX_START_RATE) + " (a start, far below any knee); max-rate = 5x"
                + " it (the capacity ramp's top); min-throughput = 50% of the offered rate; max-p95 = "
                + LoadProbe.P95_MARGIN + "x the idle p95, at least " + LoadProbe.MIN_P95_MS + " ms (a shared host is"
                + " noisy); max-error-ratio 1%.");
        text.line("load { simulation = WikiBrowse, duration = 30s, arrival-rate = " + fmt(p.arrivalRate())
                + ", max-rate = " + fmt(p.arrivalRate() * 5) + ", min-throughput = " + fmt(p.minThroughput())
                + ", max-p95 = " + p.maxP95Ms() + "ms, max-error-ratio = 0.01 }");
    }

    private static String rows(Surveyed.Table t) {
        return t.rowEstimate() < 0 ? "rows unknown (never analysed)" : "~" + t.rowEstimate() + " rows";
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " kB";
        }
        double mb = bytes / (1024.0 * 1024);
        return mb < 1024 ? String.format(Locale.ROOT, "%.1f MB", mb) : String.format(Locale.ROOT, "%.1f GB", mb / 1024);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private void note(String line) {
        out.println("[init] " + line);
    }
}
