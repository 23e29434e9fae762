package io.restorecheck.suites;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a suite the {@link SuiteContext} of its run as a parameter ({@code @BeforeAll void measure(SuiteContext
 * ctx)}). {@link SuiteRunner} puts the context into the store of the launcher session it opens for the run, so two
 * runs in one JVM, each in its own session, never see each other's context.
 */
public final class SuiteContextResolver implements ParameterResolver {
    /** Where SuiteRunner leaves the context in the launcher session's store. */
    static final String NAMESPACE = "io.restorecheck.suites";
    static final String KEY = "context";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == SuiteContext.class;
    }

    @Override
    public SuiteContext resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        SuiteContext context = extension.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION,
                ExtensionContext.Namespace.create(NAMESPACE)).get(KEY, SuiteContext.class);
        if (context == null) {
            throw new ParameterResolutionException("no suite run in progress: suites are launched by SuiteRunner");
        }
        return context;
    }
}
