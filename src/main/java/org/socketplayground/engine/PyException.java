package org.socketplayground.engine;

/** Carries a {@link PyError} out of a socket operation; the engine turns it into the call's outcome. */
public final class PyException extends Exception {
    private final PyError error;

    public PyException(PyError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }

    public PyException(Errno errno) {
        this(PyError.of(errno));
    }

    public PyError error() {
        return error;
    }
}
