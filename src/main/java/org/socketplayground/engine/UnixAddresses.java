package org.socketplayground.engine;

import java.io.File;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.socketplayground.engine.py.PyValue;

/**
 * AF_UNIX addresses as CPython takes and gives them on Linux: a path as str (or bytes), a Linux abstract name as a
 * string starting with a NUL byte, given back as bytes ({@code b'\x00name'}); an unnamed sender is None. Where the
 * engine keeps an address for the window (a record's source and destination, a socket's own and peer address) it
 * is a one-item tuple of that value, which tells it from a (host, port) pair.
 */
public final class UnixAddresses {
    /** sun_path's size on Linux: a path takes at most 107 bytes and its NUL; an abstract name all 108. */
    private static final int SUN_PATH = 108;

    private UnixAddresses() {
    }

    /** An AF_UNIX address as the window keeps it: a one-item tuple. */
    static PyValue.Tuple shown(PyValue python) {
        return PyValue.tuple(python);
    }

    /** A kept address as Python gives it: an AF_UNIX path or name out of its one-item tuple, a (host, port) as it is. */
    static PyValue python(PyValue.Tuple kept) {
        return isUnix(kept) ? kept.get(0) : kept;
    }

    /** Whether a kept address is an AF_UNIX one. */
    public static boolean isUnix(PyValue.Tuple address) {
        return address != null && address.size() == 1;
    }

    /**
     * The address to send a reply to, as sendto() takes it: the kept (host, port) pair itself, an AF_UNIX path or name
     * out of its one-item tuple; null for an unnamed AF_UNIX sender, which no one can answer.
     */
    public static PyValue replyTo(PyValue.Tuple kept) {
        if (!isUnix(kept)) {
            return kept;
        }
        return kept.get(0) instanceof PyValue.None ? null : kept.get(0);
    }

    /**
     * The address as the log and the socket table show it, as ss does: a path or {@code @name}; else as Python gives it,
     * None for an unnamed datagram sender, '' for an unnamed stream socket.
     */
    public static String text(PyValue.Tuple address) {
        PyValue v = address.get(0);
        if (v instanceof PyValue.Str s) {
            return s.value().isEmpty() ? "''" : s.value();
        }
        if (v instanceof PyValue.Bytes b) {
            byte[] raw = b.value();
            return raw.length > 0 && raw[0] == 0 ? "@" + new String(raw, 1, raw.length - 1, StandardCharsets.UTF_8)
                    : new String(raw, StandardCharsets.UTF_8);
        }
        return "None";
    }

    /** The argument of bind, connect or sendto as the system's address; CPython's errors for anything else. */
    static AFUNIXSocketAddress parse(PyValue arg) throws PyException {
        byte[] path = checkedPath(arg);
        try {
            return path[0] == 0 ? AFUNIXSocketAddress.inAbstractNamespace(
                    new String(path, 1, path.length - 1, StandardCharsets.UTF_8))
                    : AFUNIXSocketAddress.of(new File(new String(path, StandardCharsets.UTF_8)));
        } catch (SocketException e) {
            throw Errno.wrap(e);
        }
    }

    /** The address argument's bytes, within sun_path's size and not empty; CPython's errors for anything else. */
    private static byte[] checkedPath(PyValue arg) throws PyException {
        byte[] path;
        if (arg instanceof PyValue.Str s) {
            path = s.value().getBytes(StandardCharsets.UTF_8);
        } else {
            path = Args.bytesLike(arg);   // "a bytes-like object is required, not 'tuple'"
        }
        boolean abstractName = path.length > 0 && path[0] == 0;
        if (abstractName ? path.length > SUN_PATH : path.length >= SUN_PATH) {
            throw new PyException(new PyError("OSError", null, "AF_UNIX path too long"));
        }
        if (path.length == 0) {
            // Linux would pick an abstract name of its own (autobind); the playground does not.
            throw new PyException(new PyError("OSError", null, "the playground needs a path or an abstract name to bind to"));
        }
        return path;
    }

    /**
     * The argument of bind or connect on an AF_UNIX stream socket, for the JDK's own AF_UNIX channels: they take paths
     * only (junixsocket's stream channels do not bind a client, so they cannot stand in for Linux's).
     */
    static UnixDomainSocketAddress parseStream(PyValue arg) throws PyException {
        byte[] path = checkedPath(arg);
        if (path[0] == 0) {
            throw new PyException(new PyError("OSError", null,
                    "the playground's AF_UNIX stream sockets take paths; abstract names work with SOCK_DGRAM"));
        }
        return UnixDomainSocketAddress.of(new String(path, StandardCharsets.UTF_8));
    }

    /** Whether a stream channel's address names nothing: null, or the JDK's empty path of an unnamed socket. */
    static boolean unnamed(SocketAddress address) {
        return address == null || address instanceof UnixDomainSocketAddress u && u.getPath().toString().isEmpty();
    }

    /**
     * os.unlink(path): removes the file a closed AF_UNIX socket left behind, so that its path can be bound again.
     * Errors as CPython words them, with the file's name.
     */
    static PyValue unlink(java.util.List<PyValue> args) throws PyException {
        if (args.size() != 1) {
            throw new PyException(PyError.typeError("unlink() takes exactly 1 positional argument (" + args.size() + " given)"));
        }
        PyValue arg = args.get(0);
        if (!(arg instanceof PyValue.Str) && !(arg instanceof PyValue.Bytes)) {
            throw new PyException(PyError.typeError("unlink: path should be string, bytes or os.PathLike, not " + arg.typeName()));
        }
        String path = arg instanceof PyValue.Str s ? s.value() : new String(((PyValue.Bytes) arg).value(), StandardCharsets.UTF_8);
        java.nio.file.Path file = java.nio.file.Path.of(path);
        try {
            if (java.nio.file.Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw failure(Errno.EISDIR, arg);
            }
            java.nio.file.Files.delete(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw failure(Errno.ENOENT, arg);
        } catch (java.nio.file.AccessDeniedException e) {
            throw failure(Errno.EACCES, arg);
        } catch (java.io.IOException e) {
            throw new PyException(new PyError("OSError", null, e.getMessage() + ": " + arg.repr()));
        }
        return PyValue.NONE;
    }

    /** An OSError that names its file, as os functions raise them: {@code [Errno 2] No such file or directory: 'x'}. */
    private static PyException failure(Errno errno, PyValue path) {
        return new PyException(new PyError(errno.pythonType(), errno.number(), errno.message() + ": " + path.repr()));
    }

    /** An address the system gave, as Python gives it: str for a path, bytes for an abstract name, None for none. */
    static PyValue toPython(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress u) {
            return PyValue.of(u.getPath().toString());   // a stream socket's: '' when unnamed, as Python gives it
        }
        if (!(address instanceof AFUNIXSocketAddress a)) {
            return PyValue.NONE;
        }
        byte[] raw = a.getPathAsBytes();
        if (a.isInAbstractNamespace()) {
            int end = raw.length;
            while (end > 1 && raw[end - 1] == 0) {
                end--;   // received abstract addresses come padded with NULs to sun_path's size
            }
            return PyValue.of(Arrays.copyOf(raw, end));
        }
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return PyValue.of(new String(raw, 0, end, StandardCharsets.UTF_8));
    }
}
