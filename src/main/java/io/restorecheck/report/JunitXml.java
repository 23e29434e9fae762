package io.restorecheck.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JUnit XML for checks measured without the JUnit Platform (smoke: starting the platform costs more than the
 * checks), in the format CI servers read: failed checks as failures, broken as errors, skipped as skipped, the
 * message as the evidence.
 */
public final class JunitXml {
    private JunitXml() {
    }

    /** Writes {@code <run>/junit/TEST-<suite>.xml}. */
    public static Path write(RunDirectory run, String suite, List<CheckResult> checks, double seconds) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(checks.size())
                .append("\" failures=\"").append(count(checks, CheckStatus.FAILED)).append("\" errors=\"")
                .append(count(checks, CheckStatus.BROKEN)).append("\" skipped=\"")
                .append(count(checks, CheckStatus.SKIPPED)).append("\" time=\"")
                .append(String.format(java.util.Locale.ROOT, "%.3f", seconds)).append("\">\n");
        for (CheckResult c : checks) {
            xml.append("  <testcase classname=\"").append(esc(suite)).append("\" name=\"").append(esc(c.id()))
                    .append("\" time=\"0\">\n");
            String message = esc(c.message() == null ? "" : c.message());
            switch (c.status()) {
                case FAILED -> xml.append("    <failure message=\"").append(message).append("\" type=\"failed\">")
                        .append(message).append("</failure>\n");
                case BROKEN -> xml.append("    <error message=\"").append(message).append("\" type=\"broken\">")
                        .append(message).append("</error>\n");
                case SKIPPED -> xml.append("    <skipped message=\"").append(message).append("\"/>\n");
                case PASSED -> xml.append("    <system-out>").append(message).append("</system-out>\n");
            }
            xml.append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        Path file = run.resolve("junit").resolve("TEST-" + suite + ".xml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static long count(List<CheckResult> checks, CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    private static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // XML 1.0 allows no control characters but tab, newline and carriage return.
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
