package io.restorecheck.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A site to check, as read from its HOCON file. {@code site} and {@code database} are required; each other
 * section is optional, and the checks of a missing section are skipped with a message saying so.
 */
public record SiteConfig(Path source, SiteSection site, DatabaseSection database,
                         Optional<IntegritySection> integrity, Optional<PagesSection> pages,
                         Optional<CacheSection> cache, Optional<LoadSection> load,
                         Optional<DrillSection> drill) {
}
