package io.restorecheck.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.restorecheck.config.InjectorsSection;
import io.restorecheck.load.LoadParameters;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes executor against fabric8's mock API server in CRUD mode (a store, not a cluster: no Job controller
 * runs, so each test plays the controller and writes the pods and their status itself).
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = KubernetesExecutorTest.Patient.class)
class KubernetesExecutorTest {
    /** The client's 10 s connection timeout trips on a loaded CI machine; the executor's own deadlines are tested. */
    public static final class Patient implements java.util.function.Consumer<io.fabric8.kubernetes.client.KubernetesClientBuilder> {
        @Override
        public void accept(io.fabric8.kubernetes.client.KubernetesClientBuilder builder) {
            builder.editOrNewConfig().withConnectionTimeout(120_000).withRequestTimeout(120_000).endConfig();
        }
    }

    private static final String NS = "load";
    /** Held so the setting sticks: the mock server logs every request at INFO through JUL. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8");

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeAll
    static void quiet() {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private static InjectorsSection.Kubernetes cfg(Duration startTimeout) {
        return new InjectorsSection.Kubernetes(NS, "registry.example.com/restorecheck:0.1.0", "IfNotPresent",
                Optional.of("restorecheck-injector"), "500m", "768Mi", startTimeout);
    }

    private static InjectorPlan plan(int count) {
        return new InjectorPlan("io.restorecheck.simulations.WikiBrowse", new LoadParameters(
                URI.create("http://wiki.example.com"), List.of("/Main_Page", "/Other"), List.of("/Recent_Changes"),
                0.05, 1.0, 30, 150, Duration.ofSeconds(20), 5, Duration.ofMillis(250), 0.01, 7L), count,
                System.currentTimeMillis() + 60_000);
    }

    private CompletableFuture<List<InjectorExecutor.Outcome>> start(InjectorPlan plan, Path work, Duration startTimeout,
                                                                    Duration deadline) {
        KubernetesExecutor executor = new KubernetesExecutor(client, cfg(startTimeout), Duration.ofMillis(100));
        return CompletableFuture.supplyAsync(() -> executor.run(plan, work, deadline));
    }

    private Job awaitJob() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<Job> jobs = client.batch().v1().jobs().inNamespace(NS).list().getItems();
            if (!jobs.isEmpty()) {
                return jobs.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the executor created no Job in " + NS);
    }

    private Pod pod(Job job, int index, String phase) {
        String name = job.getMetadata().getName();
        Pod pod = new PodBuilder().withNewMetadata().withName(name + "-" + index + "-x7k2p").withNamespace(NS)
                .addToLabels(KubernetesExecutor.RUN_LABEL, name)
                .addToLabels(KubernetesExecutor.INDEX_LABEL, Integer.toString(index))
                .addToLabels("job-name", name).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase(phase).endStatus().build();
        return pod;
    }

    private void create(Pod pod) {
        client.pods().inNamespace(NS).resource(pod).create();
        client.pods().inNamespace(NS).resource(pod).updateStatus();
    }

    private void assertAllDeleted() {
        assertEquals(List.of(), client.batch().v1().jobs().inNamespace(NS).list().getItems(), "jobs left");
        assertEquals(List.of(), client.pods().inNamespace(NS).list().getItems(), "pods left");
        assertEquals(List.of(), client.configMaps().inNamespace(NS).list().getItems(), "config maps left");
    }

    @Test
    void indexedJobCarriesCountIndexEnvPlanAndSettingsThenResultsComeBackThroughPodLogs(@TempDir Path work)
            throws Exception {
        InjectorPlan plan = plan(2);
        CompletableFuture<List<InjectorExecutor.Outcome>> run = start(plan, work, Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        Job job = awaitJob();
        String name = job.getMetadata().getName();
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        assertEquals(2, job.getSpec().getCompletions());
        assertEquals(2, job.getSpec().getParallelism());
        assertEquals(0, job.getSpec().getBackoffLimit());
        assertTrue(job.getSpec().getActiveDeadlineSeconds() <= 60);
        var podSpec = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", podSpec.getRestartPolicy());
        assertEquals("restorecheck-injector", podSpec.getServiceAccountName());
        Container c = podSpec.getContainers().get(0);
        assertEquals("registry.example.com/restorecheck:0.1.0", c.getImage());
        assertEquals(List.of("--plan", "/plan", "--out", "/results", "--print-results"), c.getArgs());
        assertEquals("JOB_COMPLETION_INDEX", c.getEnv().get(0).getName());
        assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']",
                c.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath());
        assertEquals("500m", c.getResources().getLimits().get("cpu").toString());
        assertEquals("768Mi", c.getResources().getRequests().get("memory").toString());
        assertEquals(name, podSpec.getVolumes().get(0).getConfigMap().getName());
        ConfigMap cm = client.configMaps().inNamespace(NS).withName(name).get();
        assertEquals(plan.specText(), cm.getData().get(InjectorPlan.SPEC));
        assertEquals("/Main_Page\n/Other\n", cm.getData().get(InjectorPlan.PAGES));

        // Play the Job controller: both pods ran and printed their results.
        for (int i = 0; i < 2; i++) {
            Pod pod = pod(job, i, "Succeeded");
            server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pod.getMetadata().getName()
                    + "/log?pretty=false").andReturn(200, resultsLog(i)).always();
            create(pod);
        }
        List<InjectorExecutor.Outcome> outcomes = run.get(30, TimeUnit.SECONDS);
        assertEquals(2, outcomes.size());
        for (int i = 0; i < 2; i++) {
            InjectorExecutor.Outcome o = outcomes.get(i);
            assertEquals(Optional.empty(), o.failure());
            assertEquals(i, o.index());
            assertTrue(o.where().contains(name + "-" + i), o.where());
            assertEquals(250, Latencies.read(o.resultDir().get().resolve(Latencies.FILE)).all().count());
            assertTrue(Files.size(o.resultDir().get().resolve("simulation.log")) > 1000);
        }
        assertAllDeleted();
    }

    @Test
    void imagePullErrorBecomesAFailureNamingThePodAndTheReason(@TempDir Path work) throws Exception {
        CompletableFuture<List<InjectorExecutor.Outcome>> run = start(plan(2), work, Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        Job job = awaitJob();
        Pod pod = pod(job, 1, "Pending");
        pod.getStatus().setContainerStatuses(List.of(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                .withName("injector").withImage("registry.example.com/restorecheck:0.1.0").withNewState()
                .withNewWaiting().withReason("ErrImagePull").withMessage("pull access denied for"
                        + " registry.example.com/restorecheck").endWaiting().endState().build()));
        create(pod);
        List<InjectorExecutor.Outcome> outcomes = run.get(30, TimeUnit.SECONDS);
        InjectorExecutor.Outcome failed = outcomes.get(1);
        assertTrue(failed.where().contains(pod.getMetadata().getName()), failed.where());
        assertTrue(failed.failure().orElseThrow().contains("ErrImagePull: pull access denied"), failed.failure().get());
        assertTrue(outcomes.get(0).failure().isPresent(), "the other injector is stopped too");
        assertAllDeleted();
    }

    @Test
    void injectorThatDiesBecomesAFailureWithItsExitCodeAndLog(@TempDir Path work) throws Exception {
        CompletableFuture<List<InjectorExecutor.Outcome>> run = start(plan(1), work, Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        Job job = awaitJob();
        Pod pod = pod(job, 0, "Failed");
        pod.getStatus().setContainerStatuses(List.of(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                .withName("injector").withNewState().withNewTerminated().withExitCode(137).withReason("OOMKilled")
                .endTerminated().endState().build()));
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pod.getMetadata().getName()
                + "/log?pretty=false").andReturn(200, "Gatling starting\njava.lang.OutOfMemoryError: Java heap space\n")
                .always();
        create(pod);
        InjectorExecutor.Outcome o = run.get(30, TimeUnit.SECONDS).get(0);
        String why = o.failure().orElseThrow();
        assertTrue(why.contains("exited 137 (OOMKilled)"), why);
        assertTrue(why.contains("OutOfMemoryError"), why);
        assertAllDeleted();
    }

    @Test
    void podsThatNeverStartFailAtTheStartTimeoutNotAHang(@TempDir Path work) throws Exception {
        long t0 = System.nanoTime();
        CompletableFuture<List<InjectorExecutor.Outcome>> run = start(plan(2), work, Duration.ofSeconds(1),
                Duration.ofSeconds(60));
        Job job = awaitJob();
        Pod pending = pod(job, 0, "Pending");
        pending.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient cpu.").build()));
        create(pending);
        List<InjectorExecutor.Outcome> outcomes = run.get(30, TimeUnit.SECONDS);
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "bounded by start-timeout, not the deadline");
        String first = outcomes.get(0).failure().orElseThrow();
        assertTrue(first.contains("did not start within 1 s") && first.contains("Insufficient cpu"), first);
        assertTrue(outcomes.get(0).where().contains(pending.getMetadata().getName()), outcomes.get(0).where());
        assertTrue(outcomes.get(1).failure().orElseThrow().contains("no pod created"), outcomes.get(1).failure().get());
        assertAllDeleted();
    }

    /** What an injector pod prints: its results zipped and base64 between the markers (the recorded Gatling log). */
    private static String resultsLog(int index) throws Exception {
        Path log = LogMergeTest.recorded();
        Path latencies = Files.createTempFile("latencies", ".txt");
        Latencies.of(log).write(latencies);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("simulation.log"));
            Files.copy(log, zip);
            zip.putNextEntry(new ZipEntry(Latencies.FILE));
            Files.copy(latencies, zip);
            zip.putNextEntry(new ZipEntry(InjectorMain.FACTS));
            zip.write(("index=" + index + "\n").getBytes());
        }
        Files.delete(latencies);
        return "Gatling 3.15.1 is starting\n" + InjectorMain.RESULTS_BEGIN + "\n"
                + Base64.getMimeEncoder().encodeToString(bytes.toByteArray()) + "\n" + InjectorMain.RESULTS_END + "\n";
    }
}
