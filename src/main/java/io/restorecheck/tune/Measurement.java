package io.restorecheck.tune;

/**
 * Puts a variant in place, verifies that every one of its settings took effect, warms up and measures.
 * A setting that did not take effect is a {@link VariantFailed} naming it; anything else thrown means the
 * harness itself could not go on.
 */
public interface Measurement extends AutoCloseable {
    Sample measure(Variant variant, int repeat);

    /** What is being measured, for the progress lines and the report. */
    String describe();

    @Override
    void close();
}
