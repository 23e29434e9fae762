package io.restorecheck.suites;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.restorecheck.report.CheckResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs suites through the JUnit Platform Launcher: JUnit XML into {@code <run>/junit/}, Allure results into
 * {@code <run>/allure-results/}, and every check id accounted for, even when a suite's measurement threw
 * (its checks become {@code broken} with the cause) or a test ended without reporting.
 */
public final class SuiteRunner {
    private SuiteRunner() {
    }

    public static List<CheckResult> run(SuiteContext context, List<Class<?>> suites) {
        Path junit = context.run().resolve("junit");
        Path allure = context.run().resolve("allure-results");
        try {
            Files.createDirectories(junit);
            Files.createDirectories(allure);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create report folders in " + context.run(), e);
        }
        // Allure's JUnit listener takes the lifecycle current when the launcher is created.
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(allure)));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(suites.stream().map(DiscoverySelectors::selectClass).toList())
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        // Suites get the context from this session's store (SuiteContextResolver); the static one is only for
        // suites written before the resolver.
        SuiteContext.set(context);
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getStore().put(Namespace.create(SuiteContextResolver.NAMESPACE), SuiteContextResolver.KEY,
                    context);
            session.getLauncher().execute(request, new Accounting(context),
                    new LegacyXmlReportGeneratingListener(junit, new PrintWriter(System.err)));
        } finally {
            SuiteContext.set(null);
        }
        return context.results();
    }

    /**
     * The check ids the suites would report, found by discovery without running anything: for a run that skips
     * them all with one reason (accept's preflight).
     */
    public static List<String> checkIds(List<Class<?>> suites) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(suites.stream().map(DiscoverySelectors::selectClass).toList())
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        TestPlan plan = LauncherFactory.create().discover(request);
        List<String> ids = new java.util.ArrayList<>();
        java.util.ArrayDeque<TestIdentifier> todo = new java.util.ArrayDeque<>(plan.getRoots());
        while (!todo.isEmpty()) {
            TestIdentifier id = todo.removeFirst();
            if (id.isTest()) {
                ids.add(id.getDisplayName());
            }
            List<TestIdentifier> children = new java.util.ArrayList<>(plan.getChildren(id));
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.addFirst(children.get(i));
            }
        }
        return ids;
    }

    /** Turns tests that ended without a reported result into skipped or broken checks, with the cause. */
    private static final class Accounting implements TestExecutionListener {
        private final SuiteContext context;
        private TestPlan plan;

        Accounting(SuiteContext context) {
            this.context = context;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            forEachCheck(id, check -> context.record(CheckResult.skipped(check, reason)));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String cause = result.getThrowable().map(SuiteRunner::describe).orElse("no result reported");
            switch (result.getStatus()) {
                case SUCCESSFUL -> forEachCheck(id, check -> context.record(
                        CheckResult.broken(check, "the test ended without reporting a result")));
                case ABORTED -> forEachCheck(id, check -> context.record(CheckResult.skipped(check, cause)));
                case FAILED -> forEachCheck(id, check -> context.record(CheckResult.broken(check,
                        (id.isContainer() ? "the suite's measurement failed: " : "") + cause)));
            }
        }

        private void forEachCheck(TestIdentifier id, java.util.function.Consumer<String> action) {
            if (id.isTest()) {
                String check = id.getDisplayName();
                if (!context.recorded(check)) {
                    action.accept(check);
                }
            } else if (plan != null) {
                for (TestIdentifier child : plan.getChildren(id)) {
                    forEachCheck(child, action);
                }
            }
        }
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getMessage()));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append("; caused by ").append(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
        }
        return sb.toString();
    }

}
