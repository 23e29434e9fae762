package io.restorecheck.inject;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.restorecheck.config.InjectorsSection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Injectors as a Kubernetes Indexed Job: completions = parallelism = the injector count, the completion index is the
 * injector index, the plan and page list are a ConfigMap mounted at {@value #PLAN_DIR}, each pod prints its results
 * (zipped, base64) to its log, which is read back once the pod succeeded. The Job, its pods and the ConfigMap are
 * deleted afterwards, whatever happened. Every wait has a deadline: pods that do not run within start-timeout (an
 * image that cannot be pulled, no node with room), a pod that fails, or a run past the deadline become failures
 * naming the pod and the reason Kubernetes gives.
 */
final class KubernetesExecutor implements InjectorExecutor {
    /** Marks everything one run creates, so the cleanup finds it. */
    static final String RUN_LABEL = "restorecheck.io/injectors";
    static final String INDEX_LABEL = "batch.kubernetes.io/job-completion-index";
    static final String PLAN_DIR = "/plan";
    static final String RESULTS_DIR = "/results";
    /** Waiting reasons that do not heal by waiting longer. */
    private static final Set<String> HOPELESS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError", "CrashLoopBackOff",
            "RunContainerError");

    private final KubernetesClient client;
    private final InjectorsSection.Kubernetes cfg;
    private final Duration pollEvery;

    KubernetesExecutor(KubernetesClient client, InjectorsSection.Kubernetes cfg, Duration pollEvery) {
        this.client = client;
        this.cfg = cfg;
        this.pollEvery = pollEvery;
    }

    @Override
    public List<Outcome> run(InjectorPlan plan, Path workDir, Duration deadline) {
        String name = "restorecheck-injectors-" + Long.toString(System.currentTimeMillis(), 36);
        Thread cleanup = new Thread(() -> delete(name), "restorecheck-injectors-delete");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            client.configMaps().inNamespace(cfg.namespace()).resource(configMap(name, plan)).create();
            client.batch().v1().jobs().inNamespace(cfg.namespace()).resource(job(name, plan.count(), deadline))
                    .create();
            return await(name, plan.count(), workDir, deadline);
        } catch (KubernetesClientException e) {
            String why = "the Kubernetes API refused or failed (" + e.getCode() + "): " + e.getMessage()
                    + (e.getCode() == 403 ? " (RBAC: see docs/injectors.md for the Role the harness needs)" : "");
            List<Outcome> all = new ArrayList<>();
            for (int i = 0; i < plan.count(); i++) {
                all.add(Outcome.failed(i, "job " + cfg.namespace() + "/" + name, why));
            }
            return all;
        } finally {
            delete(name);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook deletes them too
            }
        }
    }

    ConfigMap configMap(String name, InjectorPlan plan) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(cfg.namespace())
                .addToLabels(RUN_LABEL, name).endMetadata()
                .addToData(InjectorPlan.SPEC, plan.specText())
                .addToData(InjectorPlan.PAGES, plan.pagesText())
                .build();
    }

    Job job(String name, int count, Duration deadline) {
        Map<String, Quantity> resources = Map.of("cpu", new Quantity(cfg.cpu()), "memory", new Quantity(cfg.memory()));
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(cfg.namespace()).addToLabels(RUN_LABEL, name)
                .addToLabels("app.kubernetes.io/name", "restorecheck").endMetadata()
                .withNewSpec()
                .withCompletionMode("Indexed").withCompletions(count).withParallelism(count).withBackoffLimit(0)
                // Kubernetes stops the Job itself should the harness die before it deletes it.
                .withActiveDeadlineSeconds(deadline.toSeconds())
                .withTtlSecondsAfterFinished(3600)
                .withNewTemplate()
                .withNewMetadata().addToLabels(RUN_LABEL, name).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(cfg.serviceAccount().orElse(null))
                .addNewContainer()
                .withName("injector").withImage(cfg.image()).withImagePullPolicy(cfg.imagePullPolicy())
                .withArgs("--plan", PLAN_DIR, "--out", RESULTS_DIR, "--print-results")
                // Set by Kubernetes 1.22+ itself; stated here so older clusters give the index the same way.
                .addNewEnv().withName("JOB_COMPLETION_INDEX").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.annotations['batch.kubernetes.io/job-completion-index']").endFieldRef()
                .endValueFrom().endEnv()
                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                .addNewVolumeMount().withName("plan").withMountPath(PLAN_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("results").withMountPath(RESULTS_DIR).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("plan").withNewConfigMap().withName(name).endConfigMap().endVolume()
                .addNewVolume().withName("results").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private List<Outcome> await(String name, int count, Path workDir, Duration deadline) {
        long t0 = System.nanoTime();
        long startBy = t0 + cfg.startTimeout().toNanos();
        long endBy = t0 + deadline.toNanos();
        Map<Integer, Outcome> outcomes = new TreeMap<>();
        Map<Integer, String> lastSeen = new TreeMap<>();
        while (true) {
            List<Pod> pods = client.pods().inNamespace(cfg.namespace()).withLabel(RUN_LABEL, name).list().getItems();
            boolean failed = false;
            Set<Integer> started = new java.util.HashSet<>();
            for (Pod pod : pods) {
                Optional<Integer> index = index(pod);
                if (index.isEmpty() || outcomes.containsKey(index.get())) {
                    continue;
                }
                int i = index.get();
                String where = "pod " + cfg.namespace() + "/" + pod.getMetadata().getName();
                String phase = pod.getStatus() == null ? "Unknown" : String.valueOf(pod.getStatus().getPhase());
                lastSeen.put(i, where + " " + phase + waitingText(pod));
                Optional<String> hopeless = hopeless(pod);
                if (hopeless.isPresent()) {
                    outcomes.put(i, Outcome.failed(i, where, hopeless.get()));
                    failed = true;
                } else if (phase.equals("Failed")) {
                    outcomes.put(i, Outcome.failed(i, where, "failed: " + terminated(pod) + logTail(pod)));
                    failed = true;
                } else if (phase.equals("Succeeded")) {
                    outcomes.put(i, collect(i, where, pod, workDir));
                    failed |= outcomes.get(i).failure().isPresent();
                } else if (phase.equals("Running")) {
                    started.add(i);
                }
            }
            if (outcomes.size() == count && !failed) {
                return new ArrayList<>(outcomes.values());
            }
            long now = System.nanoTime();
            String stopReason = failed ? "stopped: another injector failed"
                    : now > endBy ? "not done at the deadline (" + deadline.toSeconds() + " s)"
                    : now > startBy && outcomes.size() + started.size() < count ? "did not start within "
                    + cfg.startTimeout().toSeconds() + " s (load.injectors.kubernetes.start-timeout)" : null;
            if (stopReason != null) {
                for (int i = 0; i < count; i++) {
                    if (!outcomes.containsKey(i)) {
                        String seen = lastSeen.getOrDefault(i, "no pod created for this index (quota, RBAC or"
                                + " admission; see kubectl describe job -n " + cfg.namespace() + " " + name + ")");
                        outcomes.put(i, Outcome.failed(i, seen.startsWith("pod ") ? seen.split(" ")[0] + " "
                                + seen.split(" ")[1] : "job " + cfg.namespace() + "/" + name, stopReason + "; last"
                                + " seen: " + seen));
                    }
                }
                return new ArrayList<>(outcomes.values());
            }
            try {
                Thread.sleep(pollEvery.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for job " + name, e);
            }
        }
    }

    private static Optional<Integer> index(Pod pod) {
        String v = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(INDEX_LABEL);
        if (v == null && pod.getMetadata().getAnnotations() != null) {
            v = pod.getMetadata().getAnnotations().get(INDEX_LABEL);
        }
        try {
            return v == null ? Optional.empty() : Optional.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<ContainerStatus> statuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
    }

    private static Optional<String> hopeless(Pod pod) {
        for (ContainerStatus s : statuses(pod)) {
            if (s.getState() != null && s.getState().getWaiting() != null
                    && HOPELESS.contains(s.getState().getWaiting().getReason())) {
                return Optional.of(s.getState().getWaiting().getReason() + ": " + s.getState().getWaiting()
                        .getMessage() + " (image " + s.getImage() + ")");
            }
        }
        return Optional.empty();
    }

    private static String waitingText(Pod pod) {
        StringBuilder sb = new StringBuilder();
        for (ContainerStatus s : statuses(pod)) {
            if (s.getState() != null && s.getState().getWaiting() != null) {
                sb.append(", ").append(s.getState().getWaiting().getReason());
            }
        }
        if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("False".equals(c.getStatus()) && c.getMessage() != null) {
                    sb.append(", ").append(c.getType()).append(": ").append(c.getMessage());
                }
            }
        }
        return sb.toString();
    }

    private static String terminated(Pod pod) {
        for (ContainerStatus s : statuses(pod)) {
            if (s.getState() != null && s.getState().getTerminated() != null) {
                var t = s.getState().getTerminated();
                return String.format(Locale.ROOT, "container %s exited %d (%s%s)", s.getName(), t.getExitCode(),
                        t.getReason(), t.getMessage() == null ? "" : ": " + t.getMessage());
            }
        }
        return "phase Failed" + (pod.getStatus().getReason() == null ? "" : " (" + pod.getStatus().getReason() + ": "
                + pod.getStatus().getMessage() + ")");
    }

    private String logTail(Pod pod) {
        try {
            String log = client.pods().inNamespace(cfg.namespace()).withName(pod.getMetadata().getName()).getLog();
            return log == null || log.isBlank() ? "" : "; its log ends: " + tail(log, 5);
        } catch (KubernetesClientException e) {
            return "";
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** Reads a succeeded pod's log and unpacks the results it printed into {@code workDir/injector-<i>/}. */
    private Outcome collect(int index, String where, Pod pod, Path workDir) {
        String log;
        try {
            log = client.pods().inNamespace(cfg.namespace()).withName(pod.getMetadata().getName()).getLog();
        } catch (KubernetesClientException e) {
            return Outcome.failed(index, where, "succeeded, but its log cannot be read: " + e.getMessage());
        }
        int begin = log == null ? -1 : log.indexOf(InjectorMain.RESULTS_BEGIN);
        int end = begin < 0 ? -1 : log.indexOf(InjectorMain.RESULTS_END, begin);
        if (end < 0) {
            return Outcome.failed(index, where, "succeeded, but its log holds no complete results block (was the"
                    + " image built from this restorecheck version?); the log ends: "
                    + (log == null ? "(empty)" : tail(log, 5)));
        }
        String base64 = log.substring(begin + InjectorMain.RESULTS_BEGIN.length(), end).trim();
        Path dir = workDir.resolve("injector-" + index);
        try {
            Files.createDirectories(dir);
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Base64.getMimeDecoder()
                    .decode(base64)))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    Path target = dir.resolve(e.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IOException("zip entry outside the results folder: " + e.getName());
                    }
                    Files.copy(zip, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.failed(index, where, "succeeded, but its results block cannot be unpacked: " + e);
        }
        if (!Files.isRegularFile(dir.resolve("simulation.log")) || !Files.isRegularFile(dir.resolve(Latencies.FILE))) {
            return Outcome.failed(index, where, "succeeded, but its results lack simulation.log or "
                    + Latencies.FILE);
        }
        return Outcome.done(index, where, dir);
    }

    /** Deletes the run's Job, pods and ConfigMap; a failure to delete is said, never thrown (the run's verdict stands). */
    void delete(String name) {
        try {
            client.batch().v1().jobs().inNamespace(cfg.namespace()).withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            client.pods().inNamespace(cfg.namespace()).withLabel(RUN_LABEL, name).delete();
            client.configMaps().inNamespace(cfg.namespace()).withName(name).delete();
        } catch (KubernetesClientException e) {
            System.err.println("restorecheck: could not delete job/pods/configmap " + cfg.namespace() + "/" + name
                    + " (delete them with kubectl delete job,pod,configmap -n " + cfg.namespace() + " -l "
                    + RUN_LABEL + "=" + name + "): " + e.getMessage());
        }
    }
}
