package io.restorecheck.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresConfTest {
    @TempDir
    Path dir;

    @Test
    void lastOneWinsAndNamesAreCaseInsensitive() {
        Map<String, PostgresConf.Entry> s = PostgresConf.parse("""
                shared_buffers = 128MB     # min 128kB
                Shared_Buffers = '64MB'
                work_mem 8MB
                #work_mem = 1GB
                   # a comment
                """, dir.resolve("postgresql.conf"));
        assertEquals("64MB", s.get("shared_buffers").value());
        assertEquals(2, s.get("shared_buffers").line());
        assertEquals("8MB", s.get("work_mem").value());
        assertEquals(2, s.size());
    }

    @Test
    void quotedValuesKeepHashesAndUnescapeQuotes() {
        Map<String, PostgresConf.Entry> s = PostgresConf.parse("""
                archive_command = 'test ! -f /a/%f && cp %p /a/%f # not a comment'
                search_path = '"$user", public'
                application_name = 'it''s'
                log_line_prefix = 'a\\'b\\tc'
                """, dir.resolve("x.conf"));
        assertEquals("test ! -f /a/%f && cp %p /a/%f # not a comment", s.get("archive_command").value());
        assertEquals("\"$user\", public", s.get("search_path").value());
        assertEquals("it's", s.get("application_name").value());
        assertEquals("a'b\tc", s.get("log_line_prefix").value());
    }

    @Test
    void includesResolveRelativeToTheIncludingFileAndIncludeDirSortsByName() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("tuning.conf"), "work_mem = 16MB\nrandom_page_cost = 1.1\n");
        Files.writeString(dir.resolve("conf.d/20-late.conf"), "work_mem = 32MB\n");
        Files.writeString(dir.resolve("conf.d/10-early.conf"), "work_mem = 24MB\nmax_connections = 50\n");
        Files.writeString(dir.resolve("conf.d/.hidden.conf"), "max_connections = 999\n");
        Files.writeString(dir.resolve("conf.d/notes.txt"), "max_connections = 998\n");
        Path main = Files.writeString(dir.resolve("postgresql.conf"), """
                work_mem = 4MB
                include 'tuning.conf'
                include_if_exists 'missing.conf'
                include_dir 'conf.d'
                """);
        Map<String, PostgresConf.Entry> s = PostgresConf.read(main);
        assertEquals("32MB", s.get("work_mem").value());
        assertTrue(s.get("work_mem").where().endsWith("20-late.conf:1"), s.get("work_mem").where());
        assertEquals("50", s.get("max_connections").value());
        assertEquals("1.1", s.get("random_page_cost").value());
        assertFalse(s.containsKey("include"));
    }

    @Test
    void missingIncludeAndMalformedLinesNameFileAndLine() throws IOException {
        Path main = Files.writeString(dir.resolve("postgresql.conf"), "port = 5432\ninclude 'nope.conf'\n");
        PostgresConf.ConfParseException e = assertThrows(PostgresConf.ConfParseException.class,
                () -> PostgresConf.read(main));
        assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
        PostgresConf.ConfParseException bad = assertThrows(PostgresConf.ConfParseException.class,
                () -> PostgresConf.parse("port = 5432\nwork_mem = 'unterminated\n", dir.resolve("p.conf")));
        assertTrue(bad.getMessage().contains("p.conf:2"), bad.getMessage());
        assertEquals(List.of("port"), List.copyOf(PostgresConf.parse("port=5432", dir.resolve("q.conf")).keySet()));
    }
}
