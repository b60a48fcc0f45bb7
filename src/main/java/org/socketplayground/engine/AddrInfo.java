package org.socketplayground.engine;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socketplayground.engine.py.PyValue;
import org.socketplayground.engine.py.PyValue.Const;

/**
 * socket.getaddrinfo(host, port, family=0, type=0, proto=0, flags=0) as glibc answers it: service names from
 * /etc/services, None as the loopback (or, with AI_PASSIVE, every interface), '' refused, proto choosing the kind.
 */
final class AddrInfo {
    private static final int AI_PASSIVE = 1;
    /** glibc's kinds, in its order: (type, proto); raw sockets take any protocol and no service name. */
    private static final int[][] KINDS = {{1, 6}, {2, 17}, {3, 0}};
    /** When /etc/services is missing: the names a lesson meets. */
    private static final String FALLBACK = "echo 7/tcp\necho 7/udp\nftp 21/tcp\nssh 22/tcp\ntelnet 23/tcp\nsmtp 25/tcp\n"
            + "domain 53/tcp\ndomain 53/udp\nhttp 80/tcp www\nntp 123/udp\nhttps 443/tcp\nhttps 443/udp\n";

    private AddrInfo() {
    }

    static PyValue getaddrinfo(List<PyValue> args) throws PyException {
        Args.positional("getaddrinfo", args, List.of("host", "port"), 6, false);
        PyValue h = args.get(0);
        if (!(h instanceof PyValue.None || h instanceof PyValue.Str || h instanceof PyValue.Bytes)) {
            throw new PyException(PyError.typeError("getaddrinfo() argument 1 must be string or None"));
        }
        String host = h instanceof PyValue.None ? null : Addresses.hostArg(h);
        PyValue p = args.get(1);
        String service;
        if (p instanceof PyValue.None) {
            service = null;
        } else if (p instanceof PyValue.Str || p instanceof PyValue.Bytes) {
            service = Addresses.hostArg(p);
        } else if (p instanceof PyValue.Int || p instanceof PyValue.Const || p instanceof PyValue.Bool) {
            service = Long.toString(Args.integer(p));
        } else {
            throw new PyException(new PyError("OSError", null, "Int or String expected"));
        }
        int family = args.size() > 2 ? Args.cInt(args.get(2)) : 0;
        int type = args.size() > 3 ? Args.cInt(args.get(3)) : 0;
        int proto = args.size() > 4 ? Args.cInt(args.get(4)) : 0;
        int flags = args.size() > 5 ? Args.cInt(args.get(5)) : 0;
        if (host == null && service == null) {
            throw new PyException(Addresses.NAME_UNKNOWN);
        }
        if (family != 0 && Family.ofNumber(family) == null) {
            throw new PyException(PyError.gaierror(-6, "ai_family not supported"));
        }
        List<int[]> kinds = kinds(type, proto, service);
        List<InetAddress> addresses = addresses(host, family, flags);
        List<PyValue> out = new ArrayList<>();
        for (InetAddress a : addresses) {
            Family f = a instanceof Inet6Address ? Family.AF_INET6 : Family.AF_INET;
            for (int[] kind : kinds) {
                Const k = kind[0] == 3 ? new Const("SOCK_RAW", "SocketKind", 3) : SockType.ofNumber(kind[0]).constant();
                PyValue.Tuple addr = Addresses.toPython(f, new InetSocketAddress(a, kind[2]));
                out.add(PyValue.tuple(f.constant(), k, PyValue.of(kind[1]), PyValue.of(""), addr));
            }
        }
        return new PyValue.PyList(out);
    }

    /** (type, proto, port) for each kind the hints allow, with the service's port for each. */
    private static List<int[]> kinds(int type, int proto, String service) throws PyException {
        Integer numeric = numericPort(service);
        List<int[]> out = new ArrayList<>();
        boolean typeKnown = false;
        for (int[] k : KINDS) {
            if (type != 0 && type != k[0]) {
                continue;
            }
            typeKnown = true;
            boolean raw = k[1] == 0;
            if (raw) {
                if (proto != 0 && !out.isEmpty()) {
                    continue;   // a protocol a real kind has: that kind only
                }
                if (service != null && (type != 0 || proto != 0)) {
                    throw new PyException(PyError.gaierror(-8, "Servname not supported for ai_socktype"));
                }
                if (service != null && numeric == null) {
                    continue;   // raw sockets have no service names
                }
            } else if (proto != 0 && proto != k[1]) {
                continue;
            }
            int port;
            if (service == null) {
                port = 0;
            } else if (numeric != null) {
                port = numeric;
            } else {
                Integer named = lookup(service, k[1] == 6 ? "tcp" : "udp");
                if (named == null) {
                    continue;
                }
                port = named;
            }
            out.add(new int[] {k[0], raw ? proto : k[1], port});
        }
        if (!typeKnown || (out.isEmpty() && type != 0 && proto != 0)) {
            throw new PyException(PyError.gaierror(-7, "ai_socktype not supported"));
        }
        if (out.isEmpty()) {
            throw new PyException(PyError.gaierror(-8, "Servname not supported for ai_socktype"));
        }
        return out;
    }

    /** A port written in digits ('' is 0), wrapped to 16 bits as glibc does; null for a service name. */
    private static Integer numericPort(String service) {
        if (service == null) {
            return null;
        }
        if (service.isEmpty()) {
            return 0;
        }
        if (!service.chars().allMatch(c -> c >= '0' && c <= '9') || service.length() > 18) {
            return null;
        }
        return (int) (Long.parseLong(service) & 0xffff);
    }

    /** The service's port for the protocol from /etc/services (or a few well-known ones), else null. */
    static Integer lookup(String name, String protocol) {
        String table;
        try {
            table = Files.readString(Path.of("/etc/services"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            table = FALLBACK;
        }
        for (String line : table.split("\n")) {
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (f.length < 2 || !f[1].toLowerCase(Locale.ROOT).endsWith("/" + protocol)) {
                continue;
            }
            for (int i = 0; i < f.length; i++) {
                if ((i == 0 || i >= 2) && f[i].equals(name)) {
                    try {
                        return Integer.parseInt(f[1].substring(0, f[1].indexOf('/')));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** The host's addresses for the family: None is the loopback, or every interface with AI_PASSIVE; IPv6 first. */
    private static List<InetAddress> addresses(String host, int family, int flags) throws PyException {
        List<InetAddress> out = new ArrayList<>();
        try {
            if (host == null) {
                boolean passive = (flags & AI_PASSIVE) != 0;
                if (family != Family.AF_INET.number()) {
                    out.add(InetAddress.getByAddress(passive ? new byte[16] : new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
                }
                if (family != Family.AF_INET6.number()) {
                    out.add(InetAddress.getByAddress(passive ? new byte[4] : new byte[] {127, 0, 0, 1}));
                }
                return out;
            }
            if (host.isEmpty()) {
                throw new PyException(Addresses.NAME_UNKNOWN);
            }
            if (Addresses.inetAton(host) != null || host.contains(":")) {
                Family f = host.contains(":") && family != Family.AF_INET.number() ? Family.AF_INET6 : Family.AF_INET;
                if (family != 0 && family != f.number()) {
                    throw new PyException(Addresses.WRONG_FAMILY);
                }
                out.add(Addresses.resolve(host, f));   // an IPv4-mapped one asked as AF_INET is its IPv4 address
                return out;
            }
            InetAddress[] all;
            try {
                all = InetAddress.getAllByName(host);
            } catch (UnknownHostException | SecurityException e) {
                throw new PyException(Addresses.NAME_UNKNOWN);
            }
            for (InetAddress a : all) {
                Family f = a instanceof Inet6Address ? Family.AF_INET6 : Family.AF_INET;
                if (family == 0 || family == f.number()) {
                    out.add(a);
                }
            }
        } catch (UnknownHostException e) {
            throw new PyException(Addresses.NAME_UNKNOWN);
        }
        if (out.isEmpty()) {
            throw new PyException(Addresses.NAME_UNKNOWN);
        }
        return out;
    }
}
