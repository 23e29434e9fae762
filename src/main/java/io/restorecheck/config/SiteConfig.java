package io.restorecheck.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A site to check, as read from its HOCON file. {@code site} and {@code database} are required; each other
 * section is optional, and the checks of a missing section are skipped with a message saying so ({@code smoke}
 * falls back to its defaults).
 */
public record SiteConfig(Path source, SiteSection site, DatabaseSection database,
                         Optional<IntegritySection> integrity, Optional<PagesSection> pages,
                         Optional<CacheSection> cache, Optional<LoadSection> load, SmokeSection smoke,
                         Optional<DrillSection> drill) {
    /** A site without a {@code smoke} or {@code drill} section: the smoke defaults (no services, not a standby). */
    public SiteConfig(Path source, SiteSection site, DatabaseSection database, Optional<IntegritySection> integrity,
                      Optional<PagesSection> pages, Optional<CacheSection> cache, Optional<LoadSection> load) {
        this(source, site, database, integrity, pages, cache, load, SmokeSection.DEFAULT, Optional.empty());
    }

    /** The same site with its load spread over {@code count} injectors ({@code --injectors N}); no load, no change. */
    public SiteConfig withInjectorCount(int count) {
        return new SiteConfig(source, site, database, integrity, pages, cache,
                load.map(l -> l.withInjectorCount(count)), smoke, drill);
    }
}
