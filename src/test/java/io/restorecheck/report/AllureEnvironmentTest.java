package io.restorecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void environmentPropertiesReadBackAsWrittenWithTheBuildFirst() throws Exception {
        Map<String, String> run = new LinkedHashMap<>();
        run.put("target", "http://127.0.0.1:8080/wiki");
        run.put("memcached 127.0.0.1:11211", "1.6.18");
        run.put("odd key=with:colon#", " leading space\nand newline");
        AllureEnvironment.write(dir, run, "restorecheck 20261205-demo");
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(dir.resolve("environment.properties"))));
        assertEquals("1.6.18", p.getProperty("memcached 127.0.0.1:11211"));
        assertEquals(" leading space\nand newline", p.getProperty("odd key=with:colon#"));
        assertTrue(p.getProperty("restorecheck version").matches("\\d+\\.\\d+.*|unknown"), p.toString());
        assertTrue(p.getProperty("restorecheck commit").matches("[0-9a-f]{7,40}|unknown"), p.toString());
        assertTrue(Files.readString(dir.resolve("environment.properties")).startsWith("restorecheck\\ version="));
        JsonNode executor = SummaryWriter.json().readTree(dir.resolve("executor.json").toFile());
        assertEquals("restorecheck 20261205-demo", executor.get("reportName").asText());
    }

    @Test
    void executorComesFromTheUsualCiVariables() {
        Map<String, String> gh = Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/wiki", "GITHUB_RUN_ID", "42", "GITHUB_WORKFLOW", "nightly",
                "GITHUB_RUN_NUMBER", "7");
        AllureEnvironment.Executor e = AllureEnvironment.executor(gh::get, "run");
        assertEquals("GitHub Actions", e.name());
        assertEquals("https://github.com/acme/wiki/actions/runs/42", e.buildUrl());
        assertEquals("nightly #7", e.buildName());

        Map<String, String> gitlab = Map.of("GITLAB_CI", "true", "CI", "true", "CI_JOB_URL",
                "https://gitlab.example/acme/wiki/-/jobs/9", "CI_JOB_NAME", "drill", "CI_JOB_ID", "9");
        assertEquals("https://gitlab.example/acme/wiki/-/jobs/9", AllureEnvironment.executor(gitlab::get, "r")
                .buildUrl());
        Map<String, String> jenkins = Map.of("JENKINS_URL", "https://ci/", "BUILD_URL", "https://ci/job/x/3/",
                "JOB_NAME", "x", "BUILD_NUMBER", "3");
        AllureEnvironment.Executor j = AllureEnvironment.executor(jenkins::get, "r");
        assertEquals("Jenkins", j.name());
        assertEquals("x #3", j.buildName());

        AllureEnvironment.Executor local = AllureEnvironment.executor(k -> null, "restorecheck 20261205-demo");
        assertEquals("local", local.type());
        assertNull(local.buildUrl());
        assertEquals("restorecheck 20261205-demo", local.buildName());
    }
}
