package io.restorecheck.tune;

/**
 * A variant could not be measured as asked: a setting did not take effect (the message names it, what was
 * asked and what the server shows) or the command applying it failed. The other variants go on.
 */
public final class VariantFailed extends RuntimeException {
    public VariantFailed(String message) {
        super(message);
    }

    public VariantFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
