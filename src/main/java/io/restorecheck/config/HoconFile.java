package io.restorecheck.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses one HOCON file the way every config file of the harness is parsed: a missing or malformed file is a {@link ConfigError}. */
final class HoconFile {
    private HoconFile() {
    }

    static Config parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError(file, 0, "", "no such file");
        }
        try {
            // Substitutions fall back to the environment, so secrets stay out of the file: ${?WIKI_DB_PASSWORD}.
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve(ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            int line = e.origin() == null ? 0 : Math.max(e.origin().lineNumber(), 0);
            throw new ConfigError(file, line, "", e.getMessage().replaceFirst("^.*?: \\d+: ", ""));
        }
    }
}
