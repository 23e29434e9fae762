package io.restorecheck.cli;

import picocli.CommandLine;

/** The version from the jar manifest (the Maven project version), or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"restorecheck " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
    }
}
