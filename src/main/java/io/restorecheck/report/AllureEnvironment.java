package io.restorecheck.report;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Allure's Environment and Executor panels: {@code environment.properties} (restorecheck's version and commit, then
 * what the run was pointed at) and {@code executor.json} (the CI system and build URL from the variables the usual
 * CI systems set; "local" with the host name otherwise), written into {@code allure-results/} before generating.
 */
final class AllureEnvironment {
    private AllureEnvironment() {
    }

    /** restorecheck's version and the git commit it was built from (Maven filters them in at build time). */
    static Map<String, String> build() {
        Map<String, String> m = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = AllureEnvironment.class.getResourceAsStream("/restorecheck-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Falls through to "unknown": the report is an extra.
        }
        m.put("restorecheck version", known(p.getProperty("version")));
        m.put("restorecheck commit", known(p.getProperty("commit")));
        return m;
    }

    private static String known(String v) {
        return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }

    /** The Environment panel: the build first, then the run's own facts. */
    static Map<String, String> environment(Map<String, String> run) {
        Map<String, String> all = build();
        all.putAll(run);
        return all;
    }

    static void write(Path results, Map<String, String> runEnvironment, String reportName) throws IOException {
        StringBuilder props = new StringBuilder();
        environment(runEnvironment).forEach((k, v) -> props.append(escape(k, true)).append('=')
                .append(escape(v, false)).append('\n'));
        Files.writeString(results.resolve("environment.properties"), props);
        Executor e = executor(System::getenv, reportName);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.name());
        json.put("type", e.type());
        json.put("buildName", e.buildName());
        if (e.buildUrl() != null) {
            json.put("url", e.buildUrl());
            json.put("buildUrl", e.buildUrl());
        }
        json.put("reportName", reportName);
        SummaryWriter.json().writeValue(results.resolve("executor.json").toFile(), json);
    }

    /** Who ran it: the first CI system whose variables are set, else this host. */
    record Executor(String name, String type, String buildName, String buildUrl) {
    }

    static Executor executor(Function<String, String> env, String runName) {
        if ("true".equals(env.apply("GITHUB_ACTIONS"))) {
            String url = env.apply("GITHUB_SERVER_URL") + "/" + env.apply("GITHUB_REPOSITORY") + "/actions/runs/"
                    + env.apply("GITHUB_RUN_ID");
            return new Executor("GitHub Actions", "github", env.apply("GITHUB_WORKFLOW") + " #"
                    + env.apply("GITHUB_RUN_NUMBER"), url);
        }
        if (env.apply("GITLAB_CI") != null) {
            return new Executor("GitLab CI", "gitlab", env.apply("CI_JOB_NAME") + " #" + env.apply("CI_JOB_ID"),
                    env.apply("CI_JOB_URL"));
        }
        if (env.apply("JENKINS_URL") != null || env.apply("BUILD_URL") != null && env.apply("JOB_NAME") != null) {
            return new Executor("Jenkins", "jenkins", env.apply("JOB_NAME") + " #" + env.apply("BUILD_NUMBER"),
                    env.apply("BUILD_URL"));
        }
        if (env.apply("BUILDKITE") != null) {
            return new Executor("Buildkite", "buildkite", env.apply("BUILDKITE_PIPELINE_SLUG") + " #"
                    + env.apply("BUILDKITE_BUILD_NUMBER"), env.apply("BUILDKITE_BUILD_URL"));
        }
        if (env.apply("CIRCLECI") != null) {
            return new Executor("CircleCI", "circleci", env.apply("CIRCLE_JOB") + " #"
                    + env.apply("CIRCLE_BUILD_NUM"), env.apply("CIRCLE_BUILD_URL"));
        }
        if (env.apply("TEAMCITY_VERSION") != null) {
            return new Executor("TeamCity", "teamcity", env.apply("TEAMCITY_BUILDCONF_NAME") + " #"
                    + env.apply("BUILD_NUMBER"), env.apply("BUILD_URL"));
        }
        if ("true".equals(env.apply("CI"))) {
            return new Executor("CI", "ci", runName, env.apply("BUILD_URL"));
        }
        return new Executor("local (" + host() + ")", "local", runName, null);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    /** java.util.Properties escaping: Allure reads the file with Properties.load. */
    static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.toString();
    }
}
