package io.restorecheck.accept;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restorecheck.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRunTest {
    @TempDir
    Path dir;

    @Test
    void unreadableSettingsAreRecordedWithTheirCauseNotDroppedSilently() throws Exception {
        Path conf = Files.writeString(dir.resolve("site.conf"), """
                site { base-url = "http://127.0.0.1:1" }
                database { url = "jdbc:postgresql://127.0.0.1:1/x", user = x }
                """);
        Map<String, String> settings = BenchRun.pgSettings(SiteConfigLoader.load(conf));
        String why = settings.get(BenchRun.SETTINGS_ERROR);
        assertTrue(why != null && why.contains("127.0.0.1:1") && why.contains("refused"), settings.toString());
    }
}
