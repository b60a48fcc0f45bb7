package org.socketplayground.engine;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.socketplayground.engine.py.PyValue;

/**
 * The options of one socket: the values the user set, re-applied when a TCP socket changes channel, and kept
 * for options the JDK lacks. The socket's lock guards them where a change of channel could race.
 */
final class SocketOptions {
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    /** Linux's option levels. */
    static final int SOL_SOCKET = 1;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_IPV6 = 41;

    /**
     * The options setsockopt understands: (level, name) as Linux numbers them, the JDK option that reaches the kernel
     * (null where the JDK has none: the value is only kept), Linux's default, and the values Linux takes.
     */
    enum Option {
        SO_REUSEADDR(SOL_SOCKET, 2, StandardSocketOptions.SO_REUSEADDR, 0, Range.FLAG),
        SO_REUSEPORT(SOL_SOCKET, 15, StandardSocketOptions.SO_REUSEPORT, 0, Range.FLAG),
        SO_SNDBUF(SOL_SOCKET, 7, StandardSocketOptions.SO_SNDBUF, 0, Range.ANY),
        SO_RCVBUF(SOL_SOCKET, 8, StandardSocketOptions.SO_RCVBUF, 0, Range.ANY),
        SO_BROADCAST(SOL_SOCKET, 6, StandardSocketOptions.SO_BROADCAST, 0, Range.FLAG),
        SO_KEEPALIVE(SOL_SOCKET, 9, StandardSocketOptions.SO_KEEPALIVE, 0, Range.FLAG),
        TCP_NODELAY(IPPROTO_TCP, 1, StandardSocketOptions.TCP_NODELAY, 0, Range.FLAG),
        IP_TTL(IPPROTO_IP, 2, null, 64, Range.TTL),
        IP_MULTICAST_TTL(IPPROTO_IP, 33, StandardSocketOptions.IP_MULTICAST_TTL, 1, Range.HOPS),
        IP_MULTICAST_LOOP(IPPROTO_IP, 34, StandardSocketOptions.IP_MULTICAST_LOOP, 1, Range.FLAG),
        IPV6_V6ONLY(IPPROTO_IPV6, 26, null, 0, Range.FLAG),
        IPV6_MULTICAST_HOPS(IPPROTO_IPV6, 18, StandardSocketOptions.IP_MULTICAST_TTL, 1, Range.HOPS),
        IPV6_MULTICAST_LOOP(IPPROTO_IPV6, 19, StandardSocketOptions.IP_MULTICAST_LOOP, 1, Range.FLAG),
        /** An interface index; kept only (the JDK takes an interface, set by IP_MULTICAST_IF's way). */
        IPV6_MULTICAST_IF(IPPROTO_IPV6, 17, null, 0, Range.ANY);

        final int level;
        final int name;
        final SocketOption<?> jdk;
        final int linuxDefault;
        final Range range;

        Option(int level, int name, SocketOption<?> jdk, int linuxDefault, Range range) {
            this.level = level;
            this.name = name;
            this.jdk = jdk;
            this.linuxDefault = linuxDefault;
            this.range = range;
        }

        static Option of(long level, long name) {
            for (Option o : values()) {
                if (o.level == level && o.name == name) {
                    return o;
                }
            }
            return null;
        }

        /**
         * The JDK option that sets this one on a channel of the family, or null: the JDK's multicast TTL and loop set
         * IPv6's on an IPv6 channel and IPv4's on an IPv4 one, never the other family's.
         */
        SocketOption<?> jdkFor(Family family) {
            boolean v6Only = level == IPPROTO_IPV6;
            boolean v4Only = this == IP_MULTICAST_TTL || this == IP_MULTICAST_LOOP;
            return v6Only && family != Family.AF_INET6 || v4Only && family != Family.AF_INET ? null : jdk;
        }
    }

    /** The values Linux takes for an option, and what it keeps of them. */
    enum Range {
        /** Any int; the buffer sizes. */
        ANY,
        /** Any int, kept as 0 or 1. */
        FLAG,
        /** 1 to 255, or -1 for the default. */
        TTL,
        /** 0 to 255, or -1 for the default. */
        HOPS;

        /** The value Linux keeps; EINVAL for one it refuses. */
        int kept(int v, int linuxDefault) throws PyException {
            return switch (this) {
                case ANY -> v;
                case FLAG -> v != 0 ? 1 : 0;
                case TTL, HOPS -> {
                    if (v == -1) {
                        yield linuxDefault;
                    }
                    if (v > 255 || v < (this == TTL ? 1 : 0)) {
                        throw Errno.EINVAL.exception();
                    }
                    yield v;
                }
            };
        }
    }

    /** IP_MULTICAST_IF, which takes an address rather than an int. */
    static final int IP_MULTICAST_IF = 32;

    private final Map<Option, Integer> values = new EnumMap<>(Option.class);
    private final Family family;
    /** IP_MULTICAST_IF's address as Linux keeps it: 0.0.0.0 lets the group's route choose. */
    private volatile byte[] multicastInterface = new byte[4];

    SocketOptions(Family family) {
        this.family = family;
    }

    /**
     * The option (level, name) names on a socket of this family and type, as Linux finds it for setsockopt (set) or
     * getsockopt: EOPNOTSUPP for any level but SOL_SOCKET on an AF_UNIX socket; on an IPv4 socket the IPv6 level is
     * ENOPROTOOPT to set and EOPNOTSUPP to read; ENOPROTOOPT for an option the level lacks.
     */
    static Option lookup(long level, long name, Family family, SockType type, boolean set) throws PyException {
        if (family == Family.AF_UNIX && level != SOL_SOCKET) {
            throw Errno.EOPNOTSUPP.exception();
        }
        if (family == Family.AF_INET && level == IPPROTO_IPV6) {
            throw (set ? Errno.ENOPROTOOPT : Errno.EOPNOTSUPP).exception();
        }
        Option option = Option.of(level, name);
        if (option == null || (option == Option.TCP_NODELAY && type != SockType.SOCK_STREAM)) {
            throw Errno.ENOPROTOOPT.exception();
        }
        return option;
    }

    /** setsockopt's value as an int; a str or None is the TypeError CPython raises before it looks at the option. */
    static int intValue(PyValue value) throws PyException {
        if (value instanceof PyValue.Str || value instanceof PyValue.None) {
            throw new PyException(PyError.typeError("a bytes-like object is required, not '" + value.typeName() + "'"));
        }
        long v = Args.integer(value);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            // CPython tries a C int, then a buffer: an int too large for the first is refused by the second.
            throw new PyException(PyError.typeError("a bytes-like object is required, not 'int'"));
        }
        return (int) v;
    }

    /** Remembers the value Linux would keep, and sets it on the channel if the JDK has the option there. */
    void set(NetworkChannel ch, Option option, int v) throws IOException, PyException {
        int kept = option.range.kept(v, option.linuxDefault);
        if (reachesKernel(ch, option)) {
            setJdkOption(ch, option, kept);
        }
        values.put(option, kept);
    }

    private boolean reachesKernel(NetworkChannel ch, Option option) {
        SocketOption<?> jdk = option.jdkFor(family);
        return jdk != null && ch.supportedOptions().contains(jdk);
    }

    /**
     * Linux reads a buffer size as unsigned and caps it at rmem_max/wmem_max, so -1 is the largest there is; the JDK
     * refuses a negative size, so it is given the largest int instead, which the kernel caps the same way.
     */
    private static int kernelValue(Option option, int v) {
        return (option == Option.SO_RCVBUF || option == Option.SO_SNDBUF) && v < 0 ? Integer.MAX_VALUE : v;
    }

    PyValue get(NetworkChannel ch, Option option) throws IOException {
        if (!reachesKernel(ch, option)) {
            return PyValue.of(values.getOrDefault(option, option.linuxDefault));
        }
        Object v = ch.getOption(option.jdkFor(family));
        if (v instanceof Boolean b) {
            return PyValue.of(b ? 1 : 0);
        }
        // On Linux the JDK halves the buffer sizes the kernel reports, to mirror what was set; Python does not.
        boolean buffer = option == Option.SO_RCVBUF || option == Option.SO_SNDBUF;
        return PyValue.of(((Integer) v).longValue() * (LINUX && buffer ? 2 : 1));
    }

    /**
     * setsockopt(IPPROTO_IP, IP_MULTICAST_IF, value): the interface a UDP socket sends group datagrams from, named by
     * one of its addresses. Linux takes an in_addr, or an ip_mreq(n) whose second address it reads, or an int's bytes.
     */
    void setMulticastInterface(NetworkChannel ch, SockType type, PyValue value) throws IOException, PyException {
        byte[] raw = value instanceof PyValue.Int i ? java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt((int) i.value()).array() : Args.bytesLike(value);
        if (raw.length < 4 || type == SockType.SOCK_STREAM) {
            throw Errno.EINVAL.exception();
        }
        byte[] in = java.util.Arrays.copyOfRange(raw, raw.length >= 8 ? 4 : 0, raw.length >= 8 ? 8 : 4);
        java.net.InetAddress address = java.net.InetAddress.getByAddress(in);
        if (!address.isAnyLocalAddress()) {
            java.net.NetworkInterface nif = java.net.NetworkInterface.getByInetAddress(address);
            if (nif == null) {
                throw Errno.EADDRNOTAVAIL.exception();   // no interface of this machine has the address
            }
            if (family == Family.AF_INET && ch.supportedOptions().contains(StandardSocketOptions.IP_MULTICAST_IF)) {
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            }
        }
        multicastInterface = in;
    }

    /** getsockopt(IPPROTO_IP, IP_MULTICAST_IF): the in_addr read as the machine's int, as Linux gives it to Python. */
    PyValue multicastInterface() {
        return PyValue.of(java.nio.ByteBuffer.wrap(multicastInterface).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL);
    }

    /** SO_REUSEADDR as the user set it (off unless set). */
    boolean reuseAddress() {
        return values.getOrDefault(Option.SO_REUSEADDR, 0) != 0;
    }

    /** The options set to something else than Linux's default, as {@code NAME=value}, for the socket table. */
    java.util.List<String> changed() {
        return values.entrySet().stream().filter(e -> e.getValue() != e.getKey().linuxDefault)
                .map(e -> e.getKey().name() + "=" + e.getValue()).toList();
    }

    /** Sets every value the user set on a new channel that has the option. */
    void applyTo(NetworkChannel ch) throws IOException {
        for (Map.Entry<Option, Integer> e : values.entrySet()) {
            if (reachesKernel(ch, e.getKey())) {
                setJdkOption(ch, e.getKey(), e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void setJdkOption(NetworkChannel ch, Option option, int v) throws IOException {
        SocketOption<?> jdk = option.jdkFor(family);
        if (jdk.type() == Boolean.class) {
            ch.setOption((SocketOption<Boolean>) jdk, v != 0);
        } else {
            ch.setOption((SocketOption<Integer>) jdk, kernelValue(option, v));
        }
    }
}
