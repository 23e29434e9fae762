package io.restorecheck.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --reports DIR}, taken by every command that writes a run. */
final class ReportsOption {
    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports",
            description = "Root folder of run reports (default: ${DEFAULT-VALUE}); <DIR>/latest points at the newest run.")
    Path reportsRoot;
}
