package io.restorecheck.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Asks the archive, through the same restore command the drill used, whether one segment can be fetched now. The
 * command writes into the drill's own folder; the archive is only read.
 */
final class SegmentProbe {
    private SegmentProbe() {
    }

    /** True when the restore command delivers {@code segment}; the copy is deleted again. */
    static boolean fetchable(String restoreCommand, String segment, Path workDir) {
        Path target = workDir.resolve("probe-" + segment);
        String line = restoreCommand.replace("%f", segment).replace("%p", target.toAbsolutePath().toString())
                .replace("%r", "000000010000000000000001").replace("%%", "%");
        try {
            Process p = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && Files.isRegularFile(target);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // In the drill's own folder, which is removed at the end anyway.
            }
        }
    }
}
