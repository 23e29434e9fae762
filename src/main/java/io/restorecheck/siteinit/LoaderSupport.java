package io.restorecheck.siteinit;

import io.restorecheck.config.ConfigError;
import io.restorecheck.config.SiteConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this build's config loader accepts, asked of the loader itself, so that init never writes a table entry
 * {@code accept} would refuse (schema-qualified names and tables without a timestamp are newer features).
 */
final class LoaderSupport {
    private LoaderSupport() {
    }

    static boolean qualifiedNames() {
        return accepts("{ name = \"app.t\", key = [id], timestamp = \"now()\" }");
    }

    static boolean optionalTimestamp() {
        return accepts("{ name = t, key = [id] }");
    }

    private static boolean accepts(String table) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("restorecheck-init-probe-", ".conf");
            Files.writeString(tmp, "site { base-url = \"http://127.0.0.1:1\" }\n"
                    + "database { url = \"jdbc:postgresql://127.0.0.1:1/x\", user = x }\n"
                    + "integrity { wal-archive = " + ConfigText.q(tmp.getParent().toString()) + ", tables = [ " + table
                    + " ] }\n");
            SiteConfigLoader.load(tmp);
            return true;
        } catch (ConfigError e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
