package org.socketplayground.engine;

/**
 * An exception as Python would raise it: its class as a traceback names it ({@code OSError},
 * {@code BlockingIOError}, {@code socket.gaierror}), the errno where it has one, and the message.
 * {@link #toString()} is the traceback's last line, e.g. {@code OSError: [Errno 98] Address already in use}.
 */
public record PyError(String type, Integer errno, String message) {

    public static PyError of(Errno e) {
        return new PyError(e.pythonType(), e.number(), e.message());
    }

    public static PyError typeError(String message) {
        return new PyError("TypeError", null, message);
    }

    public static PyError valueError(String message) {
        return new PyError("ValueError", null, message);
    }

    public static PyError overflow(String message) {
        return new PyError("OverflowError", null, message);
    }

    public static PyError timeout() {
        return new PyError("TimeoutError", null, "timed out");
    }

    public static PyError gaierror(int code, String message) {
        return new PyError("socket.gaierror", code, message);
    }

    /** What Python shows when the user presses Ctrl+C during a blocking call; the app's "abandon". */
    public static PyError interrupted() {
        return new PyError("KeyboardInterrupt", null, "");
    }

    public boolean is(Errno e) {
        return errno != null && errno == e.number() && !type.startsWith("socket.");
    }

    @Override
    public String toString() {
        if (message.isEmpty() && errno == null) {
            return type;
        }
        return type + ": " + (errno == null ? "" : "[Errno " + errno + "] ") + message;
    }
}
