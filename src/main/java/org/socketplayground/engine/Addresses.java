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
        String host = hostArg(t.get(0));
        long port = Args.integer(t.get(1));
        // flowinfo and scope_id are C unsigned ints: CPython masks them to 32 bits, then checks flowinfo's range.
        long flowinfo = t.size() > 2 ? Args.integer(t.get(2)) & 0xffffffffL : 0;
        if (t.size() > 3) {
            Args.integer(t.get(3));
        }
        if (port < 0 || port > 65535) {
            throw new PyException(PyError.overflow(call + "(): port must be 0-65535."));
        }
        InetAddress resolved = resolve(host, family);
        if (flowinfo > 0xfffff) {
            throw new PyException(PyError.overflow(call + "(): flowinfo must be 0-1048575."));
        }
        return new InetSocketAddress(resolved, (int) port);
    }

    /** An address's host: str, or bytes as CPython also takes. */
    static String hostArg(PyValue v) throws PyException {
        if (v instanceof PyValue.Str host) {
            return host.value();
        }
        if (v instanceof PyValue.Bytes b) {
            return new String(b.value(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        throw new PyException(PyError.typeError("str, bytes or bytearray expected, not " + v.typeName()));
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
            // glibc reads IPv4 numbers as inet_aton does ('127.1', '0x7f.1', octal '010'); Java would not.
            byte[] v4 = inetAton(host);
            if (v4 != null) {
                if (family != Family.AF_INET) {
                    throw new PyException(WRONG_FAMILY);
                }
                return InetAddress.getByAddress(v4);
            }
            if (host.contains(":")) {
                InetAddress a6 = ipv6Literal(host);
                if (family == Family.AF_INET6) {
                    return a6;
                }
                // glibc gives an AF_INET socket the IPv4 address inside an IPv4-mapped one; other IPv6 ones are refused
                byte[] b = a6.getAddress();
                if (!isMapped(b)) {
                    throw new PyException(WRONG_FAMILY);
                }
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
            }
            if (host.matches("[0-9][0-9a-fA-FxX.]*")) {
                throw new PyException(NAME_UNKNOWN);   // not a number inet_aton reads: a name no resolver knows
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

    /**
     * An IPv6 literal as an Inet6Address, an IPv4-mapped one ('::ffff:127.0.0.1') included: Java turns those into
     * Inet4Address, which an IPv6 socket's replies to an IPv4 client need as they are.
     */
    private static InetAddress ipv6Literal(String host) throws PyException, UnknownHostException {
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new PyException(NAME_UNKNOWN);
        }
        if (a instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[10] = -1;
            mapped[11] = -1;
            System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
            return Inet6Address.getByAddress(null, mapped, -1);
        }
        return a;
    }

    static boolean isMapped(byte[] b) {
        if (b.length != 16 || b[10] != -1 || b[11] != -1) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** glibc's inet_aton, exact: one to four parts in decimal, octal (0...) or hex (0x...), the last filling the rest. */
    static byte[] inetAton(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int radix = 10;
            if (p.length() > 1 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
                radix = 16;
                p = p.substring(2);
            } else if (p.length() > 1 && p.charAt(0) == '0') {
                radix = 8;
            }
            if (p.isEmpty() || p.length() > 12 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                return null;
            }
            try {
                v[i] = Long.parseLong(p, radix);
            } catch (NumberFormatException e) {
                return null;
            }
            if (v[i] > 0xffffffffL) {
                return null;
            }
        }
        long last = v[v.length - 1];
        long value = 0;
        for (int i = 0; i < v.length - 1; i++) {
            if (v[i] > 0xff) {
                return null;
            }
            value |= v[i] << (24 - 8 * i);
        }
        if (last > (0xffffffffL >>> (8 * (v.length - 1)))) {
            return null;
        }
        value |= last;
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }

    /** A socket address as Python's getsockname/recvfrom return it for a socket of this family. */
    public static PyValue.Tuple toPython(Family family, SocketAddress address) {
        if (family == Family.AF_UNIX) {   // a socket's own address: '' while it has none
            return address == null ? unbound(family) : UnixAddresses.shown(UnixAddresses.toPython(address));
        }
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
        return family == Family.AF_UNIX ? UnixAddresses.shown(PyValue.of(""))
                : family == Family.AF_INET
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
    public static String ipv6Text(byte[] b) {
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
        if (UnixAddresses.isUnix(address)) {
            return UnixAddresses.text(address);
        }
        String host = ((PyValue.Str) address.get(0)).value();
        long port = ((PyValue.Int) address.get(1)).value();
        boolean v6 = address.size() > 2;
        String h = host.equals("0.0.0.0") || host.equals("::") ? "*" : v6 ? "[" + host + "]" : host;
        return h + ":" + (port == 0 ? "*" : Long.toString(port));
    }
}
