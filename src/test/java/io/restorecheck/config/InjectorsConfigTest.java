package io.restorecheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectorsConfigTest {
    private static final String HEAD = """
            site     { base-url = "http://127.0.0.1:8080" }
            database { url = "jdbc:postgresql://127.0.0.1:5432/wiki", user = wiki }
            load {
              arrival-rate = 300
            """;

    @TempDir
    Path dir;

    private SiteConfig load(String injectors) throws IOException {
        return SiteConfigLoader.load(Files.writeString(dir.resolve("site.conf"), HEAD + injectors + "\n}\n"));
    }

    private ConfigError error(String injectors, String key) {
        ConfigError all = assertThrows(ConfigError.class, () -> load(injectors));
        return all.problems().stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem with " + key + " in: " + all.getMessage()));
    }

    @Test
    void withoutTheBlockTheLoadStaysInTheHarnessJvm() throws IOException {
        InjectorsSection i = load("").load().orElseThrow().injectors();
        assertEquals(InjectorsSection.DEFAULT, i);
        assertFalse(i.distributed());
    }

    @Test
    void kubernetesBlockLoadsWithItsSettings() throws IOException {
        InjectorsSection i = load("""
                  injectors {
                    count = 8
                    executor = kubernetes
                    kubernetes { namespace = load-test, image = "registry.example.com/restorecheck:0.1.0",
                                 service-account = restorecheck-injector, cpu = 2, memory = 2Gi,
                                 image-pull-policy = Always, start-timeout = 5m }
                  }
                """).load().orElseThrow().injectors();
        assertEquals(8, i.count());
        assertEquals(InjectorsSection.Executor.KUBERNETES, i.executor());
        assertEquals(Duration.ofSeconds(60), i.startDelay(), "pods need longer than local JVMs to be ready");
        assertEquals(new InjectorsSection.Kubernetes("load-test", "registry.example.com/restorecheck:0.1.0", "Always",
                Optional.of("restorecheck-injector"), "2", "2Gi", Duration.ofMinutes(5)), i.kubernetes());
        assertTrue(i.distributed());
    }

    @Test
    void injectorsFlagOverridesTheCountOnly() throws IOException {
        SiteConfig site = load("injectors { count = 2, start-delay = 3s }").withInjectorCount(3);
        InjectorsSection i = site.load().orElseThrow().injectors();
        assertEquals(3, i.count());
        assertEquals(Duration.ofSeconds(3), i.startDelay());
    }

    @Test
    void badValuesAndUnknownKeysNameKeyAndLine() {
        ConfigError e = error("injectors {\n count = 0\n}", "load.injectors.count");
        assertEquals(6, e.line());
        assertTrue(error("injectors { executor = slurm }", "load.injectors.executor").getMessage()
                .contains("must be local or kubernetes, got slurm"));
        assertTrue(error("injectors { kubernetes { namespace = Load_Test } }", "load.injectors.kubernetes.namespace")
                .getMessage().contains("must be a Kubernetes name"));
        assertTrue(error("injectors { kubernetes { memory = lots } }", "load.injectors.kubernetes.memory")
                .getMessage().contains("quantity"));
        ConfigError unknown = error("injectors {\n count = 2\n nodes = 3\n}", "load.injectors.nodes");
        assertEquals(7, unknown.line());
        assertTrue(unknown.getMessage().contains("site.conf"), unknown.getMessage());
    }
}
