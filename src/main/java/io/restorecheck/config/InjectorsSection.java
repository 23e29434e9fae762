package io.restorecheck.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code load.injectors}: how many injectors share the load and what starts them. One local injector (the default)
 * is the harness's own JVM; more, or the Kubernetes executor, split the arrival rate across injectors that start
 * together and whose results are merged.
 *
 * @param count      injectors sharing the arrival rate (rate / count each, the remainder spread)
 * @param executor   what starts them
 * @param startDelay how far ahead of now the common start time is set: long enough for every injector to be ready
 * @param kubernetes the Kubernetes executor's settings (defaults when the block is absent)
 */
public record InjectorsSection(int count, Executor executor, Duration startDelay, Kubernetes kubernetes) {
    public static final int MAX_COUNT = 1000;
    public static final InjectorsSection DEFAULT = new InjectorsSection(1, Executor.LOCAL, Duration.ofSeconds(5),
            Kubernetes.DEFAULT);

    /** What starts the injectors. */
    public enum Executor {
        LOCAL, KUBERNETES;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An Indexed Job in a namespace: the image holds restorecheck (built by Jib, docs/injectors.md), pods run under
     * the service account with the given requests and limits; every wait has its deadline.
     *
     * @param startTimeout how long pods may take from the Job's creation to running (pull, scheduling)
     */
    public record Kubernetes(String namespace, String image, String imagePullPolicy, Optional<String> serviceAccount,
                             String cpu, String memory, Duration startTimeout) {
        public static final Kubernetes DEFAULT = new Kubernetes("default", "restorecheck:latest", "IfNotPresent",
                Optional.empty(), "1", "1Gi", Duration.ofMinutes(3));
    }

    /** True when the load leaves the harness's JVM: several injectors, or any on Kubernetes. */
    public boolean distributed() {
        return count > 1 || executor == Executor.KUBERNETES;
    }

    /** The same with another count ({@code --injectors N}). */
    public InjectorsSection withCount(int newCount) {
        return new InjectorsSection(newCount, executor, startDelay, kubernetes);
    }
}
