package org.socketplayground.engine;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import org.socketplayground.engine.py.PyValue;

/** Socket addresses as Python takes and shows them: {@code ('127.0.0.1', 9999)} and {@code ('::1', 9999, 0, 0)}. */
public final class Addresses {
    static final PyError NAME_UNKNOWN = PyError.gaierror(-2, "Name or service not known");
    static final PyError WRONG_FAMILY = PyError.gaierror(-9, "Address family for hostname not supported");

    private Addresses() {
    }

    /**
     * Turns a Python address argument into a socket address, with CPython's checks and messages.
     *
     * @param call the call's name, which CPython puts in some of its messages
     */
    static InetSocketAddress parse(String call, Family family, PyValue arg) throws PyException {
        String fam = family.name();
        if (!(arg instanceof PyValue.Tuple t)) {
            throw new PyException(PyError.typeError(call + "(): " + fam + " address must be tuple, not " + arg.typeName()));
        }
        boolean v4 = family == Family.AF_INET;
        if (v4 ? t.size() != 2 : t.size() < 2 || t.size() > 4) {
            throw new PyException(PyError.typeError(v4 ? "AF_INET address must be a pair (host, port)"
                    : "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"));
        }
        if (!(t.get(0) instanceof PyValue.Str host)) {
            throw new PyException(PyError.typeError("str, bytes or bytearray expected, not " + t.get(0).typeName()));
        }
        long port = Args.integer(t.get(1));
        if (port < 0 || port > 65535) {
            throw new PyException(PyError.overflow(call + "(): port must be 0-65535."));
        }
        return new InetSocketAddress(resolve(host.value(), family), (int) port);
    }

    /** Resolves a host the way CPython does for a socket of this family ('' is every interface). */
    static InetAddress resolve(String host, Family family) throws PyException {
        try {
            if (host.isEmpty()) {
                return family == Family.AF_INET ? InetAddress.getByAddress(new byte[4]) : InetAddress.getByAddress(new byte[16]);
            }
            if (host.equals("<broadcast>")) {
                if (family != Family.AF_INET) {
                    throw new PyException(WRONG_FAMILY);
                }
                return InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
            }
            InetAddress[] all;
            try {
                all = InetAddress.getAllByName(host);
            } catch (UnknownHostException | SecurityException e) {
                throw new PyException(NAME_UNKNOWN);
            }
            for (InetAddress a : all) {
                if (family == Family.AF_INET ? a instanceof Inet4Address : a instanceof Inet6Address) {
                    return a;
                }
            }
            // A literal of the other family is the wrong family; a name with no such address is unknown.
            throw new PyException(isLiteral(host) ? WRONG_FAMILY : NAME_UNKNOWN);
        } catch (UnknownHostException e) {
            throw new PyException(NAME_UNKNOWN);
        }
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }

    /** A socket address as Python's getsockname/recvfrom return it for a socket of this family. */
    public static PyValue.Tuple toPython(Family family, SocketAddress address) {
        if (address == null) {
            return unbound(family);
        }
        InetSocketAddress isa = (InetSocketAddress) address;
        String host = hostText(family, isa.getAddress());
        if (family == Family.AF_INET) {
            return PyValue.tuple(PyValue.of(host), PyValue.of(isa.getPort()));
        }
        int scope = isa.getAddress() instanceof Inet6Address a6 ? a6.getScopeId() : 0;
        return PyValue.tuple(PyValue.of(host), PyValue.of(isa.getPort()), PyValue.of(0), PyValue.of(scope));
    }

    /** What getsockname returns before bind: ('0.0.0.0', 0) or ('::', 0, 0, 0). */
    static PyValue.Tuple unbound(Family family) {
        return family == Family.AF_INET
                ? PyValue.tuple(PyValue.of("0.0.0.0"), PyValue.of(0))
                : PyValue.tuple(PyValue.of("::"), PyValue.of(0), PyValue.of(0), PyValue.of(0));
    }

    /** The host part as inet_ntop writes it; IPv4 peers of an IPv6 socket appear as ::ffff:a.b.c.d. */
    static String hostText(Family family, InetAddress address) {
        if (address instanceof Inet4Address) {
            String v4 = address.getHostAddress();
            if (family == Family.AF_INET6) {
                return address.isAnyLocalAddress() ? "::" : "::ffff:" + v4;
            }
            return v4;
        }
        return ipv6Text(address.getAddress());
    }

    /** RFC 5952 text of an IPv6 address: lower-case hex, the longest run of two or more zero groups as '::'. */
    static String ipv6Text(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Whether the address is every interface: 0.0.0.0 or ::. */
    static boolean isWildcard(PyValue.Tuple address) {
        String host = ((PyValue.Str) address.get(0)).value();
        return host.equals("0.0.0.0") || host.equals("::");
    }

    /** The kernel's choice of source address towards each destination, asked once per destination. */
    private static final java.util.Map<InetAddress, InetAddress> OUTGOING = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<InetAddress, InetAddress> eldest) {
                    return size() > 64;
                }
            });

    /**
     * The address of the interface a datagram to {@code to} leaves by, as its receiver sees it: a connected probe
     * socket asks the kernel's routing (no packet is sent). Null when there is no route.
     */
    static InetAddress outgoingAddress(Family family, InetAddress to) {
        InetAddress known = OUTGOING.get(to);
        if (known != null) {
            return known;
        }
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open(family.protocolFamily())) {
            probe.connect(new InetSocketAddress(to, 9));
            InetAddress via = ((InetSocketAddress) probe.getLocalAddress()).getAddress();
            OUTGOING.put(to, via);
            return via;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** host:port as ss shows it, [::1]:port for IPv6, '*' for every interface. */
    public static String display(PyValue.Tuple address) {
        String host = ((PyValue.Str) address.get(0)).value();
        long port = ((PyValue.Int) address.get(1)).value();
        boolean v6 = address.size() > 2;
        String h = host.equals("0.0.0.0") || host.equals("::") ? "*" : v6 ? "[" + host + "]" : host;
        return h + ":" + (port == 0 ? "*" : Long.toString(port));
    }
}
