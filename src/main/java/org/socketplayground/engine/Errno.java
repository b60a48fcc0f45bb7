package org.socketplayground.engine;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Locale;

/**
 * Linux errno values with their strerror text and the exception class CPython raises for each (PEP 3151).
 * The JDK reports socket failures as exceptions whose message is the strerror text; {@link #of(Exception)}
 * maps them back to the errno a Python program would see.
 */
public enum Errno {
    EPERM(1, "Operation not permitted", "PermissionError"),
    ENOENT(2, "No such file or directory", "FileNotFoundError"),
    EINTR(4, "Interrupted system call", "InterruptedError"),
    EBADF(9, "Bad file descriptor", "OSError"),
    EAGAIN(11, "Resource temporarily unavailable", "BlockingIOError"),
    ENOMEM(12, "Cannot allocate memory", "OSError"),
    EACCES(13, "Permission denied", "PermissionError"),
    ENODEV(19, "No such device", "OSError"),
    ENOTDIR(20, "Not a directory", "NotADirectoryError"),
    EISDIR(21, "Is a directory", "IsADirectoryError"),
    EINVAL(22, "Invalid argument", "OSError"),
    EMFILE(24, "Too many open files", "OSError"),
    EPIPE(32, "Broken pipe", "BrokenPipeError"),
    EPROTO(71, "Protocol error", "OSError"),
    EDESTADDRREQ(89, "Destination address required", "OSError"),
    EMSGSIZE(90, "Message too long", "OSError"),
    EPROTOTYPE(91, "Protocol wrong type for socket", "OSError"),
    ENOPROTOOPT(92, "Protocol not available", "OSError"),
    EPROTONOSUPPORT(93, "Protocol not supported", "OSError"),
    ESOCKTNOSUPPORT(94, "Socket type not supported", "OSError"),
    EOPNOTSUPP(95, "Operation not supported", "OSError"),
    EAFNOSUPPORT(97, "Address family not supported by protocol", "OSError"),
    EADDRINUSE(98, "Address already in use", "OSError"),
    EADDRNOTAVAIL(99, "Cannot assign requested address", "OSError"),
    ENETDOWN(100, "Network is down", "OSError"),
    ENETUNREACH(101, "Network is unreachable", "OSError"),
    ECONNABORTED(103, "Software caused connection abort", "ConnectionAbortedError"),
    ECONNRESET(104, "Connection reset by peer", "ConnectionResetError"),
    ENOBUFS(105, "No buffer space available", "OSError"),
    EISCONN(106, "Transport endpoint is already connected", "OSError"),
    ENOTCONN(107, "Transport endpoint is not connected", "OSError"),
    ETIMEDOUT(110, "Connection timed out", "TimeoutError"),
    ECONNREFUSED(111, "Connection refused", "ConnectionRefusedError"),
    EHOSTUNREACH(113, "No route to host", "OSError"),
    EALREADY(114, "Operation already in progress", "BlockingIOError"),
    EINPROGRESS(115, "Operation now in progress", "BlockingIOError");

    private final int number;
    private final String message;
    private final String pythonType;

    Errno(int number, String message, String pythonType) {
        this.number = number;
        this.message = message;
        this.pythonType = pythonType;
    }

    public int number() {
        return number;
    }

    public String message() {
        return message;
    }

    public String pythonType() {
        return pythonType;
    }

    public PyException exception() {
        return new PyException(this);
    }

    /** The errno behind a JDK exception; EBADF for a closed channel, EINVAL for a second bind. */
    public static PyError of(Exception e) {
        if (e instanceof ClosedChannelException) {
            return PyError.of(EBADF);
        }
        if (e instanceof AlreadyBoundException) {
            return PyError.of(EINVAL);
        }
        if (e instanceof AlreadyConnectedException) {
            return PyError.of(EISCONN);
        }
        if (e instanceof ConnectionPendingException) {
            return PyError.of(EALREADY);
        }
        if (e instanceof UnsupportedAddressTypeException) {
            return PyError.of(EAFNOSUPPORT);
        }
        if (e instanceof PortUnreachableException) {
            return PyError.of(ECONNREFUSED);
        }
        String text = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        for (Errno errno : values()) {
            if (text.startsWith(errno.message.toLowerCase(Locale.ROOT))) {
                return PyError.of(errno);
            }
        }
        // The JDK words a few of them its own way.
        if (text.startsWith("connection reset")) {
            return PyError.of(ECONNRESET);
        }
        if (text.contains("can't send to port 0") || text.contains("port out of range")) {
            return PyError.of(EINVAL);
        }
        if (e instanceof ConnectException) {
            return PyError.of(ECONNREFUSED);
        }
        if (e instanceof BindException) {
            return PyError.of(EADDRINUSE);
        }
        if (e instanceof NoRouteToHostException) {
            return PyError.of(EHOSTUNREACH);
        }
        // No errno we know: say what the JDK said rather than invent one.
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new PyError("OSError", null, detail);
    }

    static PyException wrap(IOException e) {
        return new PyException(of(e));
    }
}
