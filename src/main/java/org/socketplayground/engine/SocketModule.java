package org.socketplayground.engine;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        put(new Const("MSG_PEEK", "MsgFlag", 2));
        put(new Const("MSG_DONTWAIT", "MsgFlag", 64));
        put(new Const("SO_TYPE", null, 3));
        put(new Const("SO_ERROR", null, 4));
        put(new Const("SO_LINGER", null, 13));
        put(new Const("IPPROTO_IPV6", null, 41));
        put(new Const("IPV6_V6ONLY", null, 26));
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
                Args.count(name, args, 0, 0);
                return PyValue.of(hostname());
            }
            case "gethostbyname" -> {
                Args.count(name, args, 1, 1);
                return PyValue.of(Addresses.resolve(str(args.get(0)), Family.AF_INET).getHostAddress());
            }
            case "gethostbyaddr" -> {
                Args.count(name, args, 1, 1);
                return gethostbyaddr(str(args.get(0)));
            }
            case "getaddrinfo" -> {
                Args.count(name, args, 2, 6);
                return getaddrinfo(args);
            }
            case "htons", "ntohs" -> {
                Args.count(name, args, 1, 1);
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
                Args.count(name, args, 1, 1);
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

    private static String str(PyValue v) throws PyException {
        if (v instanceof PyValue.Str s) {
            return s.value();
        }
        throw new PyException(PyError.typeError("str, bytes or bytearray expected, not " + v.typeName()));
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

    /** getaddrinfo(host, port, family=0, type=0, proto=0, flags=0): one entry per address and socket type. */
    private static PyValue getaddrinfo(List<PyValue> args) throws PyException {
        PyValue hostArg = args.get(0);
        String host = hostArg instanceof PyValue.None ? "localhost" : str(hostArg);
        PyValue portArg = args.get(1);
        long port;
        if (portArg instanceof PyValue.None) {
            port = 0;
        } else if (portArg instanceof PyValue.Str s) {
            try {
                port = Long.parseLong(s.value());
            } catch (NumberFormatException e) {
                throw new PyException(PyError.gaierror(-8, "Servname not supported for ai_socktype"));
            }
        } else {
            port = Args.integer(portArg);
        }
        long familyWanted = args.size() > 2 ? Args.integer(args.get(2)) : 0;
        long typeWanted = args.size() > 3 ? Args.integer(args.get(3)) : 0;
        InetAddress[] all;
        try {
            all = host.isEmpty() ? new InetAddress[] {InetAddress.getByAddress(new byte[4])} : InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new PyException(Addresses.NAME_UNKNOWN);
        }
        List<PyValue> out = new ArrayList<>();
        for (InetAddress a : all) {
            Family f = a instanceof Inet6Address ? Family.AF_INET6 : Family.AF_INET;
            if (familyWanted != 0 && familyWanted != f.number()) {
                continue;
            }
            PyValue.Tuple addr = Addresses.toPython(f, new InetSocketAddress(a, (int) port));
            for (Const kind : new Const[] {constant("SOCK_STREAM"), constant("SOCK_DGRAM"), constant("SOCK_RAW")}) {
                if (typeWanted != 0 && typeWanted != kind.value()) {
                    continue;
                }
                SockType t = SockType.ofNumber(kind.value());
                long proto = t == null ? 0 : t.protocol();
                out.add(PyValue.tuple(f.constant(), kind, PyValue.of(proto), PyValue.of(""), addr));
            }
        }
        if (out.isEmpty()) {
            throw new PyException(Addresses.NAME_UNKNOWN);
        }
        return new PyValue.PyList(out);
    }
}
