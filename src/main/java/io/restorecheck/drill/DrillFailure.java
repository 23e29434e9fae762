package io.restorecheck.drill;

/** The drill's restore could not happen or did not finish: the message is the evidence for drill.restore. */
public final class DrillFailure extends RuntimeException {
    DrillFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
