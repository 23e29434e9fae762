package io.restorecheck.inject;

import io.restorecheck.load.GatlingLauncher;
import io.restorecheck.load.LoadParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One injector: reads the plan, takes its share, waits for the common start time, runs the simulation in this JVM
 * and leaves {@code <out>/injector-<index>/} with Gatling's {@code simulation.log}, {@value Latencies#FILE} and
 * {@value #FACTS}. In a Kubernetes pod ({@code --print-results}) it also prints that folder, zipped and base64,
 * between two marker lines on stdout: the pod's log is how the results come back, no volume or object store needed.
 *
 * <p>{@code java -cp restorecheck.jar io.restorecheck.inject.InjectorMain --plan DIR --out DIR [--index N]
 * [--print-results]}; without {@code --index}, {@code JOB_COMPLETION_INDEX} (set by an Indexed Job) is used.
 * Exit 0 when the run ended (whatever the site did), 3 when the injector itself could not run.
 */
public final class InjectorMain {
    static final String FACTS = "injector.properties";
    static final String RESULTS_BEGIN = "----- restorecheck injector results (zip, base64) begin -----";
    static final String RESULTS_END = "----- restorecheck injector results end -----";

    private InjectorMain() {
    }

    public static void main(String[] args) {
        try {
            Path plan = null;
            Path out = null;
            Integer index = null;
            boolean print = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--plan" -> plan = Path.of(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--index" -> index = Integer.parseInt(args[++i]);
                    case "--print-results" -> print = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (plan == null || out == null) {
                throw new IllegalArgumentException("usage: InjectorMain --plan DIR --out DIR [--index N]"
                        + " [--print-results]");
            }
            if (index == null) {
                String env = System.getenv("JOB_COMPLETION_INDEX");
                if (env == null) {
                    throw new IllegalArgumentException("no --index and no JOB_COMPLETION_INDEX in the environment");
                }
                index = Integer.parseInt(env.trim());
            }
            Path dir = run(InjectorPlan.read(plan), index, out);
            if (print) {
                System.out.println(RESULTS_BEGIN);
                System.out.println(Base64.getMimeEncoder().encodeToString(zip(dir)));
                System.out.println(RESULTS_END);
            }
            System.out.flush();
            System.exit(0);
        } catch (RuntimeException | IOException | InterruptedException e) {
            System.err.println("restorecheck injector: " + e);
            e.printStackTrace();
            System.exit(3);
        }
    }

    /** Runs injector {@code index} of the plan; returns its results folder. */
    static Path run(InjectorPlan plan, int index, Path out) throws InterruptedException, IOException {
        LoadParameters share = plan.shareOf(index);
        Class<?> simulation = GatlingLauncher.resolve(plan.simulation());
        long waitMs = plan.startAtEpochMs() - System.currentTimeMillis();
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
        long lagMs = System.currentTimeMillis() - plan.startAtEpochMs();
        LoadParameters.install(share);
        String label = "injector-" + index;
        GatlingLauncher.Launched launched = GatlingLauncher.run(simulation, out, label, "restorecheck injector "
                + index + " of " + plan.count() + " at " + share.arrivalRatePerSec() + "/s", false);
        Path dir = launched.reportDir();
        Latencies.of(launched.simulationLog()).write(dir.resolve(Latencies.FILE));
        Properties facts = new Properties();
        facts.setProperty("index", Integer.toString(index));
        facts.setProperty("arrival-rate", Double.toString(share.arrivalRatePerSec()));
        facts.setProperty("start-lag-ms", Long.toString(lagMs));
        facts.setProperty("gatling-status", Integer.toString(launched.status()));
        facts.setProperty("host", java.net.InetAddress.getLocalHost().getHostName());
        // The injector's own cost (JVM start, Gatling boot, the load, reading its log): what N injectors add.
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            facts.setProperty("cpu-ms", Long.toString(os.getProcessCpuTime() / 1_000_000));
        }
        try (var w = Files.newBufferedWriter(dir.resolve(FACTS))) {
            facts.store(w, "what this injector did");
        }
        return dir;
    }

    private static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : new String[] {"simulation.log", Latencies.FILE, FACTS}) {
                zip.putNextEntry(new ZipEntry(name));
                Files.copy(dir.resolve(name), zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip the results in " + dir, e);
        }
        return bytes.toByteArray();
    }
}
