package org.socketplayground.engine;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.socketplayground.engine.py.PyValue;

/**
 * One Python socket object over a real JDK channel: what every socket has (id, family, type, timeout, options,
 * addresses, state, close). {@link UdpSocket} and {@link TcpSocket} hold what differs; {@link ChannelWaiter}
 * does the waiting, as channels are always in non-blocking mode.
 */
abstract class PySocket {
    final String id;
    final Family family;
    final SockType type;

    private volatile boolean closed;
    /** Python's sock_timeout: null blocks forever, 0.0 never blocks, else seconds. */
    private volatile Double timeout;

    final SocketOptions options;
    final ChannelWaiter waiter = new ChannelWaiter(this::isClosed);
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    /** The number fileno() gives while the socket is open: the lowest free one when it was made, as Linux gives. */
    volatile int fd;

    PySocket(String id, Family family, SockType type) {
        this.id = id;
        this.family = family;
        this.type = type;
        this.options = new SocketOptions(family);
    }

    /** A new socket, as socket.socket(family, type) makes it. */
    static PySocket open(String id, Family family, SockType type) throws PyException {
        if (family == Family.AF_UNIX) {
            return type == SockType.SOCK_DGRAM ? new UnixDatagramSocket(id) : new TcpSocket(id, family);
        }
        return type == SockType.SOCK_DGRAM ? new UdpSocket(id, family) : new TcpSocket(id, family);
    }

    // ---------------------------------------------------------------- what differs by type

    /** The channel behind the socket now (a TCP socket changes channel). */
    abstract NetworkChannel currentChannel();

    /** The peer the socket is connected to, or null. */
    abstract SocketAddress peer();

    /** The state of a socket that is not closed. */
    abstract SocketState openState();

    /** What select() watches for this socket, and what is ready whatever the channel says ({@link Selects}). */
    abstract Selects.Readiness readiness();

    abstract void closeChannels();

    /** connect(address); call names the function in CPython's messages (connect or connect_ex). */
    abstract PyValue connect(CallContext ctx, String call, PyValue address) throws PyException;

    /** shutdown() once how is known to be SHUT_RD, SHUT_WR or SHUT_RDWR. */
    abstract void shutdown(boolean read, boolean write) throws PyException;

    abstract PyValue send(CallContext ctx, byte[] data, int flags) throws PyException;

    final PyValue send(CallContext ctx, byte[] data) throws PyException {
        return send(ctx, data, 0);
    }

    abstract PyValue sendto(CallContext ctx, byte[] data, PyValue address) throws PyException;

    abstract PyValue sendall(CallContext ctx, byte[] data) throws PyException;

    /** recv(bufsize, flags): MSG_PEEK leaves the data to be read again, MSG_DONTWAIT does not wait on a blocking socket. */
    abstract PyValue recv(CallContext ctx, int bufsize, int flags) throws PyException;

    abstract PyValue recvfrom(CallContext ctx, int bufsize, int flags) throws PyException;

    final PyValue recv(CallContext ctx, int bufsize) throws PyException {
        return recv(ctx, bufsize, 0);
    }

    final PyValue recvfrom(CallContext ctx, int bufsize) throws PyException {
        return recvfrom(ctx, bufsize, 0);
    }

    PyValue listen(long backlog) throws PyException {
        requireOpen();
        throw Errno.EOPNOTSUPP.exception();
    }

    /** Returns the new connection; the engine names it and registers it. */
    SocketChannel accept(CallContext ctx) throws PyException {
        requireOpen();
        throw Errno.EOPNOTSUPP.exception();
    }

    /** Whether bind() may go ahead, besides the channel having no address yet. */
    boolean mayBind() {
        return true;
    }

    /** bind() asked for one address and the channel took another (the port the system chose, say). */
    void bound(InetSocketAddress asked, InetSocketAddress actual) {
    }

    /** The address the socket reports as its own, or null. */
    SocketAddress localAddress() throws IOException, PyException {
        return channel().getLocalAddress();
    }

    long datagramsIn() {
        return 0;
    }

    // ---------------------------------------------------------------- addresses and state

    PyValue bind(PyValue address) throws PyException {
        InetSocketAddress target = Addresses.parse("bind", family, address);
        NetworkChannel ch = channel();
        try {
            if (!mayBind() || ch.getLocalAddress() != null) {
                throw Errno.EINVAL.exception();
            }
            ch.bind(target);
            bound(target, (InetSocketAddress) ch.getLocalAddress());
            waiter.wakeAll();   // a recvfrom that was waiting for an address can now receive
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
        return PyValue.NONE;
    }

    PyValue getsockname() throws PyException {
        requireOpen();
        try {
            return UnixAddresses.python(Addresses.toPython(family, localAddress()));
        } catch (IOException e) {
            throw Errno.wrap(e);
        }
    }

    PyValue getpeername() throws PyException {
        requireOpen();
        SocketAddress peer = peer();
        if (peer == null) {
            throw Errno.ENOTCONN.exception();
        }
        return UnixAddresses.python(Addresses.toPython(family, peer));
    }

    /** This socket's address, the source of what it sends. */
    /** This socket's own address, as getsockname() returns it; null when it has none to give. */
    PyValue.Tuple ownAddress() {
        try {
            SocketAddress local = localAddress();
            OwnAddress cached = ownAddress;
            // Asked for every datagram of a flood: the address changes at bind and connect only.
            if (cached != null && cached.address == local) {
                return cached.python;
            }
            PyValue.Tuple python = Addresses.toPython(family, local);
            ownAddress = new OwnAddress(local, python);
            return python;
        } catch (IOException | PyException e) {
            return null;
        }
    }

    private record OwnAddress(SocketAddress address, PyValue.Tuple python) {
    }

    private volatile OwnAddress ownAddress;

    PyValue.Tuple peerOrNull() {
        SocketAddress p = peer();
        return p == null ? null : Addresses.toPython(family, p);
    }

    SocketInfo info() {
        PyValue.Tuple local = null;
        PyValue.Tuple remote = null;
        if (!closed) {
            try {
                SocketAddress a = localAddress();
                local = a == null ? null : Addresses.toPython(family, a);
            } catch (IOException | PyException e) {
                local = null;
            }
            remote = peerOrNull();
        }
        return new SocketInfo(id, family, type, state(), local, remote, timeout,
                datagramsIn(), bytesIn.sum(), bytesOut.sum(), options.changed(), groups(), labText());
    }

    SocketState state() {
        return closed ? SocketState.CLOSED : openState();
    }

    boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- modes and options

    PyValue settimeout(Double seconds) throws PyException {
        timeout = seconds;   // CPython stores the value before it finds the socket closed
        requireOpen();
        return PyValue.NONE;
    }

    PyValue gettimeout() {
        Double t = timeout;
        return t == null ? PyValue.NONE : new PyValue.Float(t);
    }

    /** When a call must give up, from the timeout now. */
    Deadline deadline() {
        return Deadline.of(timeout);
    }

    PyValue setsockopt(long level, long name, PyValue value) throws PyException {
        requireOpen();
        if (Memberships.isMembership(level, name) && family != Family.AF_UNIX) {
            if (value instanceof PyValue.Str || value instanceof PyValue.None) {
                SocketOptions.intValue(value);   // Python's TypeError comes before the system's answer
            }
            if (family == Family.AF_INET && level == SocketOptions.IPPROTO_IPV6) {
                throw Errno.ENOPROTOOPT.exception();
            }
            synchronized (this) {
                try {
                    changeMembership(level, name, value);
                } catch (IOException e) {
                    throw fail(e);
                }
            }
            return PyValue.NONE;
        }
        if (level == SocketOptions.IPPROTO_IP && name == SocketOptions.IP_MULTICAST_IF && family != Family.AF_UNIX) {
            synchronized (this) {
                try {
                    options.setMulticastInterface(channel(), type, value);
                } catch (IOException e) {
                    throw fail(e);
                }
            }
            return PyValue.NONE;
        }
        int v = SocketOptions.intValue(value);
        SocketOptions.Option option = SocketOptions.lookup(level, name, family, type, true);
        NetworkChannel ch = channel();
        synchronized (this) {
            try {
                if (option == SocketOptions.Option.IPV6_V6ONLY && ch.getLocalAddress() != null) {
                    throw Errno.EINVAL.exception();   // Linux fixes it once the socket has a port
                }
                options.set(ch, option, v);
            } catch (IOException | IllegalArgumentException e) {
                throw fail(e);
            }
        }
        return PyValue.NONE;
    }

    /** Joins or leaves a multicast group: a UDP socket can, Linux answers EPROTO for a TCP one. */
    void changeMembership(long level, long name, PyValue mreq) throws PyException, IOException {
        throw Errno.EPROTO.exception();
    }

    /** What the datagram lab in front of the socket does, or null: only UDP sockets have one. */
    String labText() {
        return null;
    }

    /** The multicast groups the socket has joined, as {@code 239.1.2.3 on lo}. */
    List<String> groups() {
        return List.of();
    }

    PyValue getsockopt(long level, long name) throws PyException {
        requireOpen();
        if (level == 1 && (name == 3 || name == 4)) {   // SO_TYPE; SO_ERROR, whose pending error the JDK has taken
            return PyValue.of(name == 3 ? type.number() : 0);
        }
        if (level == SocketOptions.IPPROTO_IP && name == SocketOptions.IP_MULTICAST_IF && family != Family.AF_UNIX) {
            return options.multicastInterface();
        }
        SocketOptions.Option option = SocketOptions.lookup(level, name, family, type, false);
        NetworkChannel ch = channel();
        try {
            return options.get(ch, option);
        } catch (IOException e) {
            throw Errno.wrap(e);
        }
    }

    // ---------------------------------------------------------------- ending

    PyValue shutdown(long how) throws PyException {
        requireOpen();
        if (how < 0 || how > 2) {
            throw Errno.EINVAL.exception();
        }
        shutdown(how != 1, how != 0);
        return PyValue.NONE;
    }

    PyValue close() {
        if (closed) {
            return PyValue.NONE;
        }
        closed = true;
        waiter.wakeAll();
        closeChannels();
        // A closed channel's descriptor lives on while a selector holds its key: closing them all releases it now.
        waiter.closeAllSelectors();
        return PyValue.NONE;
    }

    /** Closing never fails in a way the user could act on. */
    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing the user could act on
        }
    }

    // ---------------------------------------------------------------- helpers

    NetworkChannel channel() throws PyException {
        requireOpen();
        return currentChannel();
    }

    void requireOpen() throws PyException {
        if (closed) {
            throw Errno.EBADF.exception();
        }
    }

    /** A JDK failure as Python would have reported it; any failure after close is EBADF. */
    PyException fail(Exception e) {
        if (closed) {
            return Errno.EBADF.exception();
        }
        if (e instanceof PyException pe) {
            return pe;
        }
        return new PyException(Errno.of(e));
    }
}
