package io.restorecheck.cli;

import io.restorecheck.config.InjectorsSection;
import io.restorecheck.config.SiteConfig;
import picocli.CommandLine.Option;

/** {@code --injectors N}: overrides {@code load.injectors.count} (accept, bench). */
final class InjectorsOption {
    @Option(names = "--injectors", paramLabel = "N", description = "Spread the load over N injectors (overrides "
            + "load.injectors.count; the executor, local or kubernetes, comes from load.injectors.executor).")
    Integer injectors;

    SiteConfig apply(SiteConfig site) {
        if (injectors == null) {
            return site;
        }
        if (injectors < 1 || injectors > InjectorsSection.MAX_COUNT) {
            throw new UsageError("--injectors " + injectors + ": must be between 1 and " + InjectorsSection.MAX_COUNT);
        }
        return site.withInjectorCount(injectors);
    }
}
