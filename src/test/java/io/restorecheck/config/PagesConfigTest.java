package io.restorecheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagesConfigTest {
    private static final String HEAD = """
            site     { base-url = "http://127.0.0.1:8080" }
            database { url = "jdbc:postgresql://127.0.0.1:5433/wiki", user = wiki }
            """;

    @TempDir
    Path dir;

    private PagesSection load(String pages) throws IOException {
        return SiteConfigLoader.load(Files.writeString(dir.resolve("site.conf"), HEAD + pages)).pages().orElseThrow();
    }

    private ConfigError error(String pages) {
        return assertThrows(ConfigError.class, () -> load(pages));
    }

    @Test
    void listQueryAloneGivesTheDocumentedDefaults() throws IOException {
        PagesSection p = load("pages { list-query = \"SELECT t AS title, b AS text FROM p\" }");
        assertEquals(500, p.sample());
        assertEquals(0, p.recent());
        assertEquals(PagesSection.Title.DEFAULT, p.title());
        assertEquals(PagesSection.Text.DEFAULT, p.text());
        assertTrue(p.links().check());
        assertEquals(List.of("text/html"), p.contentTypes());
        assertEquals(PagesSection.DEFAULT_ERROR_MARKERS, p.errorMarkers());
        assertEquals(4, p.concurrency());
        assertEquals(50.0, p.maxRate());
        assertEquals(Duration.ofSeconds(10), p.requestTimeout());
    }

    @Test
    void everyKeyIsRead() throws IOException {
        PagesSection p = load("""
                pages {
                  list-query = "SELECT name, body, editTime FROM p"
                  sample = all, seed = 9, recent = 20, recent-order = "editTime DESC"
                  title { column = name, selector = "h1", format = "{title} - Wiki", case = insensitive,
                          whitespace = exact, entities = keep, underscores-as-spaces = true }
                  text  { column = body, selector = "#content", markup = wiki, words = 50, min-fraction = 0.8,
                          case = sensitive }
                  links { check = true, selector = "a.internal[href]", exclude = ["[?&]action="], max-targets = 10 }
                  content-types = ["text/html", "application/xhtml+xml"]
                  error-markers = ["Oops"]
                  concurrency = 2, max-rate = 5, request-timeout = 3s
                }
                """);
        assertEquals(PagesSection.ALL, p.sample());
        assertEquals(9, p.seed());
        assertEquals(Optional.of("editTime DESC"), p.recentOrder());
        assertEquals(new PagesSection.Title("name", "h1", "{title} - Wiki", false, false, false, true), p.title());
        assertEquals(new PagesSection.Text("body", "#content", PagesSection.Markup.WIKI, 50, 0.8, true), p.text());
        assertEquals("[?&]action=", p.links().exclude().get(0).pattern());
        assertEquals(10, p.links().maxTargets());
        assertEquals(List.of("Oops"), p.errorMarkers());
        assertEquals(5.0, p.maxRate());
        assertEquals(Duration.ofSeconds(3), p.requestTimeout());
    }

    @Test
    void anOrderOrQueryTurnsOnFiftyRecentPages() throws IOException {
        assertEquals(50, load("pages { list-query = q, recent-query = \"SELECT a AS title, b AS text FROM p\" }")
                .recent());
    }

    @Test
    void recentPagesNeedAnOrder() {
        ConfigError e = error("pages { list-query = q, recent = 10 }");
        assertEquals("pages.recent", e.key());
        assertTrue(e.getMessage().contains("recent-order"), e.getMessage());
    }

    @Test
    void orderAndQueryContradict() {
        assertEquals("pages.recent-query", error("pages { list-query = q, recent-order = x, recent-query = y }").key());
    }

    @Test
    void badSelectorMarkupAndChoiceNameTheKey() {
        assertEquals("pages.title.selector", error("pages { list-query = q, title { selector = \"h1[\" } }").key());
        assertEquals("pages.text.markup", error("pages { list-query = q, text { markup = textile } }").key());
        ConfigError c = error("pages { list-query = q, title { case = lower } }");
        assertTrue(c.getMessage().contains("must be sensitive or insensitive, got lower"), c.getMessage());
        assertEquals("pages.title.format", error("pages { list-query = q, title { format = \"Wiki\" } }").key());
        assertEquals("pages.links.exclude", error("pages { list-query = q, links { exclude = [\"(\"] } }").key());
    }

    @Test
    void unknownKeysInSubsectionsAreErrors() {
        ConfigError e = error("pages { list-query = q, text { min-fraktion = 1 } }");
        assertEquals("pages.text.min-fraktion", e.key());
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void rateAndConcurrencyAreBounded() {
        assertEquals("pages.max-rate", error("pages { list-query = q, max-rate = 0 }").key());
        assertEquals("pages.concurrency", error("pages { list-query = q, concurrency = 500 }").key());
    }
}
