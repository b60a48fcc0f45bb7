package org.socketplayground.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.socketplayground.engine.py.PyValue;

/**
 * A SOCK_STREAM socket through its phases: fresh, connecting, connected (its byte stream is a
 * {@link TcpConnection}) or listening. The channels behind it change at listen() and after a failed connect:
 * see {@link TcpChannels}.
 */
final class TcpSocket extends PySocket {
    private enum Phase { FRESH, CONNECTING, CONNECTED, LISTENING }

    private final TcpChannels channels;
    private volatile Phase phase = Phase.FRESH;
    /** Set just before the phase becomes CONNECTED, and never again. */
    private volatile TcpConnection connection;
    /** A connect with a timeout failed: the next connect() raises ConnectionAbortedError, as on Linux. */
    private volatile boolean connectAborted;
    private volatile boolean listenShut;

    TcpSocket(String id, Family family) throws PyException {
        super(id, family, SockType.SOCK_STREAM);
        try {
            channels = new TcpChannels(family, options, waiter);
        } catch (IOException | UnsupportedOperationException e) {
            throw new PyException(Errno.EAFNOSUPPORT);
        }
    }

    /** A connection accept() returned: blocking, like Python's {@code conn}. */
    TcpSocket(String id, Family family, SocketChannel accepted) throws IOException {
        super(id, family, SockType.SOCK_STREAM);
        channels = new TcpChannels(family, options, waiter, accepted);
        connected();
    }

    private void connected() {
        connection = new TcpConnection(this, channels.stream());
        phase = Phase.CONNECTED;
        waiter.wakeAll();   // other calls waiting for this connect go on
    }

    // ---------------------------------------------------------------- addresses and state

    @Override
    NetworkChannel currentChannel() {
        return phase == Phase.LISTENING ? channels.server() : channels.stream();
    }

    @Override
    boolean mayBind() {
        return phase == Phase.FRESH;
    }

    @Override
    PyValue bind(PyValue address) throws PyException {
        if (family != Family.AF_UNIX) {
            return super.bind(address);
        }
        SocketAddress path = UnixAddresses.parseStream(address);
        try {
            synchronized (this) {
                if (!mayBind() || !UnixAddresses.unnamed(channels.stream().getLocalAddress())) {
                    throw Errno.EINVAL.exception();
                }
                channels.bindUnix(path);   // the JDK answers as Linux does: a file in the way is EADDRINUSE
            }
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
        return PyValue.NONE;
    }

    @Override
    void bound(InetSocketAddress asked, InetSocketAddress actual) {
        channels.bound(asked, actual);
    }

    @Override
    SocketAddress localAddress() throws IOException, PyException {
        return channels.reportedLocal(super.localAddress());
    }

    @Override
    SocketAddress peer() {
        return phase == Phase.CONNECTED ? connection.peer() : null;
    }

    @Override
    SocketState openState() {
        return switch (phase) {
            case FRESH -> SocketState.NEW;
            case CONNECTING -> SocketState.SYN_SENT;
            case LISTENING -> SocketState.LISTEN;
            case CONNECTED -> connection.state();
        };
    }

    @Override
    Selects.Readiness readiness() {
        return switch (phase) {
            // Linux reports a stream socket neither connected nor listening as readable and writable (POLLHUP, POLLOUT).
            case FRESH -> new Selects.Readiness(null, 0, 0, Selects.READ | Selects.WRITE);
            case CONNECTING -> new Selects.Readiness(channels.stream(), 0, SelectionKey.OP_CONNECT, 0);
            case LISTENING -> new Selects.Readiness(channels.server(), SelectionKey.OP_ACCEPT, 0, 0);
            case CONNECTED -> connection.readiness();
        };
    }

    // ---------------------------------------------------------------- connections

    @Override
    PyValue listen(long backlog) throws PyException {
        requireOpen();
        synchronized (this) {
            if (phase == Phase.LISTENING) {
                return PyValue.NONE;   // Linux only changes the backlog; the JDK cannot, which no one sees
            }
            if (phase != Phase.FRESH) {
                throw Errno.EINVAL.exception();
            }
            try {
                channels.listen(backlog);
                phase = Phase.LISTENING;
            } catch (IOException e) {
                throw fail(e);   // closed meanwhile: EBADF
            }
        }
        return PyValue.NONE;
    }

    @Override
    SocketChannel accept(CallContext ctx) throws PyException {
        requireOpen();
        Deadline deadline = deadline();
        BacklogPlug plug = channels.plug();
        try {
            while (true) {
                ServerSocketChannel ssc = channels.server();
                if (phase != Phase.LISTENING || listenShut) {
                    throw Errno.EINVAL.exception();
                }
                try {
                    SocketChannel conn = ssc.accept();
                    if (conn != null && plug != null && plug.takeIfPlug(conn)) {
                        continue;   // the engine's own place holder: look again
                    }
                    if (conn != null) {
                        return conn;
                    }
                } catch (IOException e) {
                    throw fail(e);
                }
                waiter.waitOrRaise(ctx, ssc, SelectionKey.OP_ACCEPT, deadline);
            }
        } finally {
            if (plug != null && !isClosed()) {
                plug.insert();   // behind whatever is queued now
            }
        }
    }

    @Override
    PyValue connect(CallContext ctx, String call, PyValue address) throws PyException {
        SocketAddress target = family == Family.AF_UNIX ? UnixAddresses.parseStream(address) : Addresses.parse(call, family, address);
        requireOpen();
        Deadline deadline = deadline();
        synchronized (this) {
            switch (phase) {
                case CONNECTED, LISTENING -> throw Errno.EISCONN.exception();
                case CONNECTING -> {
                    if (finishConnect()) {
                        return PyValue.NONE;
                    }
                    // With a timeout CPython's descriptor is non-blocking, and Linux answers EALREADY at once; only a
                    // blocking connect() waits for the one in progress.
                    if (!deadline.infinite()) {
                        throw Errno.EALREADY.exception();
                    }
                }
                case FRESH -> {
                    if (connectAborted) {
                        connectAborted = false;
                        throw Errno.ECONNABORTED.exception();
                    }
                    try {
                        channels.rebindReleased();
                        phase = Phase.CONNECTING;
                        if (channels.stream().connect(target)) {
                            connected();
                            return PyValue.NONE;
                        }
                    } catch (IOException | RuntimeException e) {
                        connectFailed();
                        throw fail(e);
                    }
                    if (deadline.nonBlocking()) {
                        throw Errno.EINPROGRESS.exception();
                    }
                }
            }
        }
        try {
            awaitConnected(ctx, deadline);
        } catch (PyException e) {
            if (!deadline.infinite() && phase == Phase.FRESH) {
                // CPython waits for a connect with a timeout by poll() and reads the failure with SO_ERROR, which
                // leaves Linux's socket "connecting": the next connect() reports ECONNABORTED, once.
                connectAborted = true;
            }
            throw e;
        }
        if (phase != Phase.CONNECTED) {
            // Another call met the failure and reported it; Linux gives the others ECONNABORTED.
            throw Errno.ECONNABORTED.exception();
        }
        return PyValue.NONE;
    }

    /**
     * Waits until a connect in progress completes, here or in another call; raises what the connect met. Any number
     * of calls may wait at once: the one that finishes the connect wakes the others, which find it done.
     */
    private void awaitConnected(CallContext ctx, Deadline deadline) throws PyException {
        while (true) {
            SocketChannel ch;
            synchronized (this) {
                if (phase != Phase.CONNECTING || finishConnect()) {
                    return;
                }
                ch = channels.stream();
            }
            waiter.waitOrRaise(ctx, ch, SelectionKey.OP_CONNECT, deadline, () -> phase == Phase.CONNECTING);
        }
    }

    /** Completes a pending connect if it can; a failed connect leaves a fresh socket behind, as on Linux. */
    private boolean finishConnect() throws PyException {
        try {
            if (channels.stream().finishConnect()) {
                connected();
                return true;
            }
            return false;
        } catch (IOException e) {
            connectFailed();
            throw fail(e);
        }
    }

    /** The JDK closes a channel whose connect failed; Linux keeps the socket, so open a new one in its place. */
    private void connectFailed() throws PyException {
        phase = Phase.FRESH;
        waiter.wakeAll();   // other calls waiting for this connect find it failed
        try {
            channels.replaceFailedStream();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** A send or receive on a socket still connecting waits for the connect first. */
    private void requireConnected(CallContext ctx, Deadline deadline, Errno otherwise) throws PyException {
        if (phase == Phase.CONNECTING) {
            awaitConnected(ctx, deadline);
        }
        if (phase != Phase.CONNECTED) {
            throw otherwise.exception();
        }
    }

    @Override
    void shutdown(boolean read, boolean write) throws PyException {
        if (phase == Phase.LISTENING) {
            listenShut = true;
            return;
        }
        if (phase != Phase.CONNECTED || connection.closed()) {
            throw Errno.ENOTCONN.exception();
        }
        connection.shutdown(read, write);
    }

    @Override
    void closeChannels() {
        channels.close();
    }

    // ---------------------------------------------------------------- data

    @Override
    PyValue sendto(CallContext ctx, byte[] data, PyValue address) throws PyException {
        if (family == Family.AF_UNIX) {
            UnixAddresses.parse(address);
            requireOpen();
            // Linux's AF_UNIX streams refuse an address where TCP ignores it
            throw (connection != null ? Errno.EISCONN : Errno.EOPNOTSUPP).exception();
        }
        Addresses.parse("sendto", family, address);
        requireOpen();
        return send(ctx, data);   // TCP ignores the address, as Linux does
    }

    @Override
    PyValue send(CallContext ctx, byte[] data, int flags) throws PyException {
        Deadline deadline = readyToSend(ctx);   // first: connection is set only once connected
        return connection.send(ctx, data, Flags.deadline(flags, deadline));
    }

    @Override
    PyValue sendall(CallContext ctx, byte[] data) throws PyException {
        Deadline deadline = readyToSend(ctx);
        connection.sendall(ctx, data, deadline);
        return PyValue.NONE;
    }

    /** What a send checks before it can go: the socket is open, not shut for writing, and connected. */
    private Deadline readyToSend(CallContext ctx) throws PyException {
        requireOpen();
        TcpConnection c = connection;
        if (c != null && c.writeShut()) {
            throw Errno.EPIPE.exception();
        }
        Deadline deadline = deadline();
        requireConnected(ctx, deadline, family == Family.AF_UNIX ? Errno.ENOTCONN : Errno.EPIPE);
        return deadline;
    }

    @Override
    PyValue recvfrom(CallContext ctx, int bufsize, int flags) throws PyException {
        requireOpen();
        return PyValue.tuple(recv(ctx, bufsize, flags), PyValue.NONE);
    }

    @Override
    PyValue recv(CallContext ctx, int bufsize, int flags) throws PyException {
        requireOpen();
        Deadline deadline = Flags.deadline(flags, deadline());
        requireConnected(ctx, deadline, family == Family.AF_UNIX ? Errno.EINVAL : Errno.ENOTCONN);
        ctx.source = peerOrNull();
        ctx.destination = ownAddress();
        return connection.recv(ctx, bufsize, deadline, (flags & Flags.MSG_PEEK) != 0);
    }
}
