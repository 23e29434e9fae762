package io.restorecheck.lab;

/** A managed process could not be started, stopped or prepared; the message carries the evidence (log tail, paths). */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
