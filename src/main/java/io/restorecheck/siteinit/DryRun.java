package io.restorecheck.siteinit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.restorecheck.config.CacheSection;
import io.restorecheck.config.IntegritySection;
import io.restorecheck.config.LoadSection;
import io.restorecheck.config.PagesSection;
import io.restorecheck.config.SiteConfig;
import io.restorecheck.config.TableSpec;
import io.restorecheck.integrity.PostgresConf;
import io.restorecheck.config.TableName;
import io.restorecheck.db.ReadOnlyConnections;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * {@code accept --dry-run}: loads nothing onto the site and replays nothing, but resolves everything the run
 * would use (the database read-only, every table, key column and timestamp expression, the page list query and
 * its columns, one page with the title and text selectors, every memcached server, the archive, the base backup,
 * the simulation class) and prints what the run would do. A problem names the key, file and line.
 */
public final class DryRun {
    private static final Pattern SEGMENT = ArchiveGuess.SEGMENT;
    /** Where simple simulation names live (GatlingLauncher resolves them the same way). */
    private static final String SIMULATIONS_PACKAGE = "io.restorecheck.simulations";
    private static final Pattern START = Pattern.compile("START WAL LOCATION: (\\S+)");

    private final SiteConfig site;
    private final PrintStream out;
    private final Config raw;
    private final List<String> problems = new ArrayList<>();
    private long lastLineNanos = System.nanoTime();

    private DryRun(SiteConfig site, PrintStream out) {
        this.site = site;
        this.out = out;
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(site.source().toFile());
        } catch (RuntimeException e) {
            parsed = ConfigFactory.empty(); // only used for line numbers; the loader already accepted the file
        }
        this.raw = parsed;
    }

    /** Resolves the config and returns the problems found (empty: the run would find everything it needs). */
    public static List<String> run(SiteConfig site, PrintStream out) {
        DryRun dry = new DryRun(site, out);
        long t0 = System.nanoTime();
        dry.resolve();
        dry.out.printf(Locale.ROOT, "[dry-run] %s in %.1f s%n", dry.problems.isEmpty()
                ? "everything resolves: the run would find all it needs"
                : dry.problems.size() + " problem(s): " + String.join("; ", dry.problems), (System.nanoTime() - t0) / 1e9);
        return List.copyOf(dry.problems);
    }

    private void resolve() {
        ok("config " + site.source() + " loads");
        try (Connection c = ReadOnlyConnections.open(site.database(), "dry-run")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET statement_timeout = '5s'"); // a dry run answers in seconds or says what hangs
            }
            ok("database " + site.database().url() + " as " + site.database().user() + ": "
                    + scalar(c, "SELECT 'PostgreSQL ' || current_setting('server_version')") + ", read-only session");
            site.integrity().ifPresent(i -> integrity(c, i));
            site.pages().ifPresent(p -> pages(c, p));
        } catch (SQLException e) {
            fail("database.url", "cannot open a read-only session: " + e.getMessage());
            site.integrity().ifPresent(this::files);
        }
        if (site.integrity().isEmpty()) {
            skip("integrity: no section; the integrity suite would be skipped");
        }
        if (site.pages().isEmpty()) {
            skip("pages: no section; the pages suite would be skipped");
        }
        site.cache().ifPresentOrElse(this::cache, () -> skip("cache: no section; cache checks would be skipped"));
        site.load().ifPresentOrElse(this::load, () -> skip("load: no section; the load suite would be skipped"));
    }

    private void integrity(Connection c, IntegritySection in) {
        files(in);
        List<TableSpec> tables = in.tables();
        for (int i = 0; i < tables.size(); i++) {
            table(c, i, tables.get(i));
        }
    }

    private void files(IntegritySection in) {
        Path archive = in.walArchive();
        if (!Files.isDirectory(archive) || !Files.isReadable(archive)) {
            fail("integrity.wal-archive", "no readable folder " + archive);
        } else {
            List<String> segments = list(archive).stream().filter(n -> SEGMENT.matcher(n).matches()).sorted().toList();
            long backups = list(archive).stream().filter(n -> n.endsWith(".backup")).count();
            if (segments.isEmpty()) {
                fail("integrity.wal-archive", archive + " holds no WAL segment");
            } else {
                ok("archive " + archive + ": " + segments.size() + " segments (" + segments.get(0) + " .. "
                        + segments.get(segments.size() - 1) + "), " + backups + " backup history files; would be "
                        + "scanned and read (read-only)");
            }
        }
        in.baseBackup().ifPresentOrElse(base -> {
            Path label = base.resolve("backup_label");
            if (!Files.isRegularFile(label) || !Files.isRegularFile(base.resolve("PG_VERSION"))) {
                fail("integrity.base-backup", base + " is not a plain base backup (no backup_label and PG_VERSION)");
            } else {
                String start = "";
                try {
                    Matcher m = START.matcher(Files.readString(label));
                    start = m.find() ? ", starts at " + m.group(1) : "";
                } catch (IOException e) {
                    fail("integrity.base-backup", "cannot read " + label + ": " + e.getMessage());
                }
                ok("base backup " + base + start + ": a reference replay would start from a copy of it");
            }
        }, () -> skip("integrity.base-backup: not set; no reference replay, so the tables would not be compared"));
        in.postgresBin().ifPresent(bin -> {
            if (!Files.isExecutable(bin.resolve("postgres"))) {
                fail("integrity.postgres-bin", "no executable " + bin.resolve("postgres"));
            } else {
                ok("PostgreSQL binaries " + bin);
            }
        });
        in.expectedSettings().ifPresent(conf -> {
            try {
                ok("expected settings " + conf + ": " + PostgresConf.read(conf).size() + " settings");
            } catch (RuntimeException e) {
                fail("integrity.expected-settings", e.getMessage());
            }
        });
    }

    private void table(Connection c, int i, TableSpec t) {
        String key = "integrity.tables[" + i + "]";
        String qualified = null;
        // Resolved as the comparison resolves it: as SQL spells the name, else with every part's case kept.
        for (String candidate : List.of(t.name(), TableName.exactCase(t.name()))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::text")) {
                ps.setString(1, candidate);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        qualified = rs.getString(1);
                        break;
                    }
                }
            } catch (SQLException e) {
                // an invalid name for to_regclass: not found, said below
            }
        }
        if (qualified == null) {
            fail(key + ".name", "no table " + t.name() + " on the restored database (search_path: "
                    + scalarOr(c, "SELECT current_setting('search_path')", "?") + ")");
            return;
        }
        List<String> columns = columns(c, qualified);
        int before = problems.size();
        for (String k : t.key()) {
            if (!columns.contains(k) && !columns.contains(k.toLowerCase(Locale.ROOT))) {
                fail(key + ".key", "table " + qualified + " has no column " + k + " (its columns: "
                        + String.join(", ", columns) + ")");
            }
        }
        Optional<String> ts = t.timestamp();
        String rows = scalarOr(c, "SELECT CASE WHEN reltuples < 0 THEN 'unknown rows' ELSE reltuples::bigint || ' rows' END"
                + " || ', ' || pg_size_pretty(pg_total_relation_size("
                + "'" + qualified.replace("'", "''") + "'::regclass)) FROM pg_class WHERE oid = '"
                + qualified.replace("'", "''") + "'::regclass", "size unknown");
        if (ts.isPresent()) {
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT (" + ts.get() + ")::timestamptz FROM " + qualified + " LIMIT 0").close();
            } catch (SQLException e) {
                fail(key + ".timestamp", "'" + ts.get() + "' does not evaluate on " + qualified + ": "
                        + firstLine(e.getMessage()));
                return;
            }
        }
        if (problems.size() > before) {
            return;
        }
        ok("table " + qualified + " (" + rows + "): key (" + String.join(", ", t.key()) + ")"
                + ts.map(x -> ", edit time " + x).orElse(", no edit time") + " resolve; would be counted and"
                + " fingerprinted against the reference");
    }


    private void pages(Connection c, PagesSection p) {
        String list = p.listQuery().strip().replaceAll(";+$", "");
        List<String> labels;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM (" + list + ") AS listed LIMIT 0")) {
            labels = labels(rs.getMetaData());
        } catch (SQLException e) {
            fail("pages.list-query", "does not run: " + firstLine(e.getMessage()));
            return;
        }
        boolean columnsOk = true;
        for (String[] col : new String[][] {{"pages.title.column", p.title().column()},
                {"pages.text.column", p.text().column()}}) {
            if (labels.stream().noneMatch(l -> l.equalsIgnoreCase(col[1]))) {
                fail(col[0], "the list query returns no column " + col[1] + " (it returns " + labels + ")");
                columnsOk = false;
            }
        }
        p.recentOrder().ifPresent(order -> query(c, "SELECT * FROM (" + list + ") AS listed ORDER BY " + order
                + " LIMIT 0", "pages.recent-order"));
        p.recentQuery().ifPresent(q -> query(c, "SELECT * FROM (" + q.strip().replaceAll(";+$", "")
                + ") AS recent LIMIT 0", "pages.recent-query"));
        if (!columnsOk) {
            return;
        }
        String title;
        long listed;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT " + quote(p.title().column()) + "::text FROM (" + list
                    + ") AS listed LIMIT 1")) {
                if (!rs.next()) {
                    fail("pages.list-query", "lists no page");
                    return;
                }
                title = rs.getString(1);
            }
            listed = Long.parseLong(scalarOr(c, "SELECT count(*) FROM (" + list + ") AS listed", "-1"));
        } catch (SQLException e) {
            fail("pages.list-query", firstLine(e.getMessage()));
            return;
        }
        ok("page list: " + (listed < 0 ? "(count took too long)" : listed + " pages") + ", columns " + labels
                + "; would check " + (p.sample() == PagesSection.ALL ? "all" : Math.min(p.sample(), Math.max(listed, 0)))
                + " sampled" + (p.recent() > 0 ? " + " + p.recent() + " most recent" : "") + " at most "
                + p.maxRate() + " req/s");
        page(p, title);
    }

    private void page(PagesSection p, String title) {
        URI uri = site.site().pageUrl(title);
        Http http = new Http();
        Http.Got got;
        try {
            got = http.get(uri);
        } catch (IOException e) {
            fail("site.base-url", "cannot fetch " + uri + ": " + e.getMessage());
            return;
        }
        if (got.status() != 200) {
            fail("site.page-path", "the first listed page '" + title + "' is " + uri + ", which answers " + got.status());
            return;
        }
        Document doc = Jsoup.parse(got.body(), got.uri().toString());
        Element t = doc.selectFirst(p.title().selector());
        if (t == null) {
            fail("pages.title.selector", "'" + p.title().selector() + "' finds nothing on " + uri);
        } else {
            String expected = p.title().format().replace("{title}", p.title().underscoresAsSpaces()
                    ? title.replace('_', ' ') : title);
            ok("page " + uri + ": 200; title selector '" + p.title().selector() + "' shows '"
                    + Selectors.collapse(t.text()) + "'" + (Selectors.collapse(t.text()).equalsIgnoreCase(
                    Selectors.collapse(expected)) ? " as expected" : ", expected '" + expected + "' (check the"
                    + " title rules)"));
        }
        Element body = doc.selectFirst(p.text().selector());
        if (body == null) {
            fail("pages.text.selector", "'" + p.text().selector() + "' finds nothing on " + uri);
        } else {
            ok("text selector '" + p.text().selector() + "' finds " + Selectors.words(body.text(), Integer.MAX_VALUE)
                    .size() + " words on " + uri);
        }
    }

    private void cache(CacheSection cache) {
        for (int i = 0; i < cache.servers().size(); i++) {
            String server = cache.servers().get(i);
            Optional<Long> gets = CacheProbe.cmdGet(server);
            if (gets.isEmpty()) {
                fail("cache.servers[" + i + "]", "no memcached answers 'stats' at " + server);
            } else {
                ok("memcached " + server + ": answers (cmd_get " + gets.get() + "); would be sampled every "
                        + cache.sampleInterval().toMillis() + " ms during the load");
            }
        }
    }

    private void load(LoadSection load) {
        // Looked up as a class file, not loaded: loading a simulation drags in Gatling and Scala, seconds on a busy
        // host, and a dry run must stay fast. The run itself loads it and reports a wrong superclass.
        String name = load.simulation().contains(".") ? load.simulation()
                : SIMULATIONS_PACKAGE + "." + load.simulation();
        if (DryRun.class.getClassLoader().getResource(name.replace('.', '/') + ".class") == null) {
            fail("load.simulation", "no class " + name + " on the classpath (simple names are looked up in "
                    + SIMULATIONS_PACKAGE + ")");
            return;
        }
        ok("load: " + load.simulation() + " would offer " + load.arrivalRatePerSec() + " req/s for "
                + load.duration().toSeconds() + " s (~" + Math.round(load.arrivalRatePerSec()
                * load.duration().toSeconds()) + " requests; ceilings p95 " + load.maxP95().toMillis()
                + " ms, errors " + load.maxErrorRatio() + ", floor " + load.minThroughputPerSec() + " req/s);"
                + " none offered now");
    }

    private void query(Connection c, String sql, String key) {
        try (Statement s = c.createStatement()) {
            s.executeQuery(sql).close();
        } catch (SQLException e) {
            fail(key, "does not run: " + firstLine(e.getMessage()));
        }
    }

    private static List<String> columns(Connection c, String qualified) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            // no columns known: every key column is then reported missing, with this empty list
        }
        return out;
    }

    private static List<String> labels(ResultSetMetaData md) throws SQLException {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i));
        }
        return out;
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String scalarOr(Connection c, String sql, String fallback) {
        try {
            String v = scalar(c, sql);
            return v == null ? fallback : v;
        } catch (SQLException e) {
            return fallback;
        }
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String quote(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").replaceFirst("^ERROR: ", "");
    }

    private void ok(String line) {
        out.println("[dry-run] ok    " + took() + line);
    }

    private void skip(String line) {
        out.println("[dry-run] skip  " + took() + line);
    }

    /** Seconds since the previous line: when a dry run is slow, the line after the wait names what was slow. */
    private String took() {
        long now = System.nanoTime();
        String s = String.format(Locale.ROOT, "%4.1fs  ", (now - lastLineNanos) / 1e9);
        lastLineNanos = now;
        return s;
    }

    private void fail(String key, String problem) {
        String where = site.source() + lineOf(key).map(l -> ":" + l).orElse("");
        String message = key + " (" + where + "): " + problem;
        problems.add(message);
        out.println("[dry-run] FAIL  " + took() + message);
    }

    /** The line of a key such as integrity.tables[2].key in the config file, when it is written there. */
    Optional<Integer> lineOf(String key) {
        try {
            ConfigValue v = null;
            Config at = raw;
            for (String part : key.split("\\.")) {
                Matcher m = Pattern.compile("([^\\[]+)(?:\\[(\\d+)\\])?").matcher(part);
                if (!m.matches()) {
                    return Optional.empty();
                }
                v = at.root().get(m.group(1));
                if (v == null) {
                    return Optional.empty();
                }
                if (m.group(2) != null && v instanceof ConfigList l) {
                    v = l.get(Integer.parseInt(m.group(2)));
                }
                if (v instanceof ConfigObject o) {
                    at = o.toConfig();
                }
            }
            return v == null || v.origin().lineNumber() < 1 ? Optional.empty() : Optional.of(v.origin().lineNumber());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
