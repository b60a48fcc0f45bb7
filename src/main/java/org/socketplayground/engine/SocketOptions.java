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

    /** The options setsockopt understands: (level, name) as Linux numbers them, and the JDK option. */
    enum Option {
        SO_REUSEADDR(1, 2, StandardSocketOptions.SO_REUSEADDR),
        SO_SNDBUF(1, 7, StandardSocketOptions.SO_SNDBUF),
        SO_RCVBUF(1, 8, StandardSocketOptions.SO_RCVBUF),
        SO_BROADCAST(1, 6, StandardSocketOptions.SO_BROADCAST),
        SO_KEEPALIVE(1, 9, StandardSocketOptions.SO_KEEPALIVE),
        TCP_NODELAY(6, 1, StandardSocketOptions.TCP_NODELAY);

        final int level;
        final int name;
        final SocketOption<?> jdk;

        Option(int level, int name, SocketOption<?> jdk) {
            this.level = level;
            this.name = name;
            this.jdk = jdk;
        }

        static Option of(long level, long name) {
            for (Option o : values()) {
                if (o.level == level && o.name == name) {
                    return o;
                }
            }
            return null;
        }
    }

    private final Map<Option, Integer> values = new EnumMap<>(Option.class);

    /**
     * The option (level, name) names on a socket of this family and type; ENOPROTOOPT where there is none, and
     * EOPNOTSUPP for any level but SOL_SOCKET on an AF_UNIX socket, as Linux answers.
     */
    static Option lookup(long level, long name, Family family, SockType type) throws PyException {
        if (family == Family.AF_UNIX && level != 1) {
            throw Errno.EOPNOTSUPP.exception();
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

    /** Remembers the value, and sets it on the channel if the JDK has the option. */
    void set(NetworkChannel ch, Option option, int v) throws IOException {
        values.put(option, v);
        if (ch.supportedOptions().contains(option.jdk)) {
            setJdkOption(ch, option, v);
        }
    }

    /**
     * Linux reads a buffer size as unsigned and caps it at rmem_max/wmem_max, so -1 is the largest there is; the JDK
     * refuses a negative size, so it is given the largest int instead, which the kernel caps the same way.
     */
    private static int kernelValue(Option option, int v) {
        return (option == Option.SO_RCVBUF || option == Option.SO_SNDBUF) && v < 0 ? Integer.MAX_VALUE : v;
    }

    PyValue get(NetworkChannel ch, Option option) throws IOException {
        if (!ch.supportedOptions().contains(option.jdk)) {
            return PyValue.of(values.getOrDefault(option, 0));
        }
        Object v = ch.getOption(option.jdk);
        if (v instanceof Boolean b) {
            return PyValue.of(b ? 1 : 0);
        }
        // On Linux the JDK halves the buffer sizes the kernel reports, to mirror what was set; Python does not.
        return PyValue.of(((Integer) v).longValue() * (LINUX && option != Option.SO_KEEPALIVE ? 2 : 1));
    }

    /** SO_REUSEADDR as the user set it (off unless set). */
    boolean reuseAddress() {
        return values.getOrDefault(Option.SO_REUSEADDR, 0) != 0;
    }

    /** Sets every value the user set on a new channel that has the option. */
    void applyTo(NetworkChannel ch) throws IOException {
        for (Map.Entry<Option, Integer> e : values.entrySet()) {
            if (ch.supportedOptions().contains(e.getKey().jdk)) {
                setJdkOption(ch, e.getKey(), e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void setJdkOption(NetworkChannel ch, Option option, int v) throws IOException {
        if (option.jdk.type() == Boolean.class) {
            ch.setOption((SocketOption<Boolean>) option.jdk, v != 0);
        } else {
            ch.setOption((SocketOption<Integer>) option.jdk, kernelValue(option, v));
        }
    }
}
