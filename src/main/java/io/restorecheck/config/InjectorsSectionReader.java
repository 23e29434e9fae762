package io.restorecheck.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code load.injectors { count = 3, executor = local | kubernetes, start-delay = 5s, kubernetes { namespace,
 * image, image-pull-policy, service-account, cpu, memory, start-timeout } }}.
 */
final class InjectorsSectionReader {
    /** A DNS-1123 label: what Kubernetes accepts as a namespace or service account name. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Kubernetes quantities such as 500m, 2, 1Gi, 512Mi. */
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?");

    private InjectorsSectionReader() {
    }

    static InjectorsSection read(Node n) {
        InjectorsSection d = InjectorsSection.DEFAULT;
        int count = n.optInteger("count", 1, InjectorsSection.MAX_COUNT).orElse(d.count());
        String executorText = n.optString("executor").orElse(d.executor().label());
        InjectorsSection.Executor executor;
        try {
            executor = InjectorsSection.Executor.valueOf(executorText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw n.error("executor", "must be local or kubernetes, got " + executorText);
        }
        Duration startDelay = n.optDuration("start-delay").orElse(executor == InjectorsSection.Executor.KUBERNETES
                ? Duration.ofSeconds(60) : d.startDelay());
        if (startDelay.compareTo(Duration.ofSeconds(1)) < 0 || startDelay.compareTo(Duration.ofMinutes(30)) > 0) {
            throw n.error("start-delay", "must be between 1s and 30m, got " + startDelay.toMillis() + "ms");
        }
        InjectorsSection.Kubernetes k = n.optChild("kubernetes").map(InjectorsSectionReader::kubernetes)
                .orElse(InjectorsSection.Kubernetes.DEFAULT);
        InjectorsSection section = new InjectorsSection(count, executor, startDelay, k);
        n.rejectUnknown();
        return section;
    }

    private static InjectorsSection.Kubernetes kubernetes(Node n) {
        InjectorsSection.Kubernetes d = InjectorsSection.Kubernetes.DEFAULT;
        String namespace = label(n, "namespace", n.optString("namespace").orElse(d.namespace()));
        String image = n.optString("image").orElse(d.image());
        if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw n.error("image", "must be an image reference such as registry.example.com/restorecheck:0.1.0, got '"
                    + image + "'");
        }
        String pullPolicy = n.optString("image-pull-policy").orElse(d.imagePullPolicy());
        if (!pullPolicy.equals("Always") && !pullPolicy.equals("IfNotPresent") && !pullPolicy.equals("Never")) {
            throw n.error("image-pull-policy", "must be Always, IfNotPresent or Never, got " + pullPolicy);
        }
        var serviceAccount = n.optString("service-account").map(s -> label(n, "service-account", s));
        String cpu = quantity(n, "cpu", n.optString("cpu").orElse(d.cpu()));
        String memory = quantity(n, "memory", n.optString("memory").orElse(d.memory()));
        Duration startTimeout = n.optDuration("start-timeout").orElse(d.startTimeout());
        if (startTimeout.compareTo(Duration.ofSeconds(5)) < 0 || startTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw n.error("start-timeout", "must be between 5s and 1h, got " + startTimeout.toSeconds() + "s");
        }
        InjectorsSection.Kubernetes k = new InjectorsSection.Kubernetes(namespace, image, pullPolicy, serviceAccount,
                cpu, memory, startTimeout);
        n.rejectUnknown();
        return k;
    }

    private static String label(Node n, String key, String value) {
        if (!DNS_LABEL.matcher(value).matches()) {
            throw n.error(key, "must be a Kubernetes name (lower-case letters, digits and '-', at most 63), got "
                    + value);
        }
        return value;
    }

    private static String quantity(Node n, String key, String value) {
        if (!QUANTITY.matcher(value).matches()) {
            throw n.error(key, "must be a Kubernetes quantity such as 500m, 2, 512Mi or 1Gi, got " + value);
        }
        return value;
    }
}
