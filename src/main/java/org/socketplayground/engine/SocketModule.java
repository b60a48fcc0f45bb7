package org.socketplayground.engine;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.engine.py.PyValue.Const;

/** The functions and constants of Python's {@code socket} module that the playground offers. */
public final class SocketModule {
    private static final Map<String, Const> CONSTANTS = new LinkedHashMap<>();

    static {
        for (Family f : Family.values()) {
            put(f.constant());
        }
        put(new Const("AF_UNSPEC", "AddressFamily", 0));
        for (SockType t : SockType.values()) {
            put(t.constant());
        }
        put(new Const("SOCK_RAW", "SocketKind", 3));
        put(new Const("SOL_SOCKET", null, 1));
        put(new Const("IPPROTO_IP", null, 0));
        put(new Const("IP_MULTICAST_IF", null, SocketOptions.IP_MULTICAST_IF));
        put(new Const("IP_ADD_MEMBERSHIP", null, Memberships.IP_ADD_MEMBERSHIP));
        put(new Const("IP_DROP_MEMBERSHIP", null, Memberships.IP_DROP_MEMBERSHIP));
        put(new Const("IPV6_JOIN_GROUP", null, Memberships.IPV6_JOIN_GROUP));
        put(new Const("IPV6_LEAVE_GROUP", null, Memberships.IPV6_LEAVE_GROUP));
        put(new Const("INADDR_ANY", null, 0));
        put(new Const("IPPROTO_TCP", null, 6));
        put(new Const("IPPROTO_UDP", null, 17));
        for (SocketOptions.Option o : SocketOptions.Option.values()) {
            put(new Const(o.name(), null, o.name));
        }
        put(new Const("SHUT_RD", null, 0));
        put(new Const("SHUT_WR", null, 1));
        put(new Const("SHUT_RDWR", null, 2));
        put(new Const("SOMAXCONN", null, 4096));
        // Linux's numbers, for reading and passing on; the engine acts on the flags in recv and recvfrom.
        put(new Const("MSG_PEEK", "MsgFlag", Flags.MSG_PEEK));
        put(new Const("MSG_DONTWAIT", "MsgFlag", Flags.MSG_DONTWAIT));
        put(new Const("SO_TYPE", null, 3));
        put(new Const("SO_ERROR", null, 4));
        put(new Const("SO_LINGER", null, 13));
        put(new Const("IPPROTO_IPV6", null, 41));
    }

    private static void put(Const c) {
        CONSTANTS.put(c.name(), c);
    }

    private SocketModule() {
    }

    /** {@code socket.NAME}, or null when the module has no such constant. */
    public static Const constant(String name) {
        return CONSTANTS.get(name);
    }

    /** {@code socket.NAME} that is not a function: a constant, an exception class or has_ipv6; null if none. */
    public static PyValue attribute(String name) {
        return switch (name) {
            case "timeout" -> new PyValue.Builtin("TimeoutError", true);   // an alias since Python 3.10
            case "error" -> new PyValue.Builtin("OSError", true);
            case "gaierror", "herror", "socket" -> new PyValue.Builtin("socket." + name, true);
            case "has_ipv6" -> PyValue.TRUE;
            default -> constant(name);
        };
    }

    static boolean isFunction(String name) {
        return switch (name) {
            case "socket", "gethostname", "gethostbyname", "gethostbyaddr", "getaddrinfo",
                 "htons", "htonl", "ntohs", "ntohl" -> true;
            default -> InetText.isFunction(name);
        };
    }

    /** Runs a module function other than socket(), which the engine handles. */
    static PyValue call(String name, List<PyValue> args) throws PyException {
        switch (name) {
            case "gethostname" -> {
                Args.count("_socket.gethostname", args, 0, 0);
                return PyValue.of(hostname());
            }
            case "gethostbyname" -> {
                Args.tuple(name, args, 1, 1);
                return PyValue.of(Addresses.resolve(str(name, args.get(0)), Family.AF_INET).getHostAddress());
            }
            case "gethostbyaddr" -> {
                Args.tuple(name, args, 1, 1);
                return gethostbyaddr(str(name, args.get(0)));
            }
            case "getaddrinfo" -> {
                return AddrInfo.getaddrinfo(args);
            }
            case "htons", "ntohs" -> {
                Args.tuple(name, args, 1, 1);
                long x = Args.integer(args.get(0));
                if (x < 0) {
                    throw new PyException(PyError.overflow(name + ": can't convert negative Python int to C 16-bit unsigned integer"));
                }
                if (x > 0xffff) {
                    throw new PyException(PyError.overflow(name + ": Python int too large to convert to C 16-bit unsigned integer"));
                }
                return PyValue.of(((x & 0xff) << 8) | (x >> 8));
            }
            case "htonl", "ntohl" -> {
                Args.count("_socket." + name, args, 1, 1);
                long x = Args.integer(args.get(0));
                if (x < 0) {
                    throw new PyException(PyError.overflow("can't convert negative value to unsigned int"));
                }
                if (x > 0xffffffffL) {
                    throw new PyException(PyError.overflow("int larger than 32 bits"));
                }
                return PyValue.of(Integer.toUnsignedLong(Integer.reverseBytes((int) x)));
            }
            default -> {
                if (InetText.isFunction(name)) {
                    return InetText.call(name, args);
                }
                throw new PyException(new PyError("AttributeError", null, "module 'socket' has no attribute '" + name + "'"));
            }
        }
    }

    /** A host argument: str, or bytes as CPython also takes. */
    private static String str(String call, PyValue v) throws PyException {
        if (v instanceof PyValue.Str || v instanceof PyValue.Bytes) {
            return Addresses.hostArg(v);
        }
        throw new PyException(PyError.typeError(call + "() argument 1 must be str, bytes or bytearray, not " + v.typeName()));
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException ex) {
                return "localhost";
            }
        }
    }

    private static PyValue gethostbyaddr(String host) throws PyException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new PyException(Addresses.NAME_UNKNOWN);
        }
        String ip = address.getHostAddress();
        String name = address.getCanonicalHostName();
        if (name.equals(ip)) {
            throw new PyException(new PyError("socket.herror", 1, "Unknown host"));
        }
        Family family = address instanceof Inet4Address ? Family.AF_INET : Family.AF_INET6;
        return PyValue.tuple(PyValue.of(name), new PyValue.PyList(List.of()),
                new PyValue.PyList(List.of(PyValue.of(Addresses.hostText(family, address)))));
    }
}
