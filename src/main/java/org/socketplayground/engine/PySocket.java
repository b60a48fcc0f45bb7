package org.socketplayground.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;
import org.socketplayground.engine.py.PyValue;

/**
 * One Python socket object over a real JDK channel. Channels are always in non-blocking mode; blocking and
 * timeout modes wait on a selector, as CPython does with poll(), so that a wait can end at a deadline, when the
 * socket is closed, or when the user abandons it. A TCP socket is a SocketChannel until listen() turns it into
 * a ServerSocketChannel bound to the same address (the JDK has no single channel that can become either).
 */
final class PySocket {
    /** Largest datagram payload; a receive reads it whole so that the bytes cut by a small bufsize are known. */
    private static final int MAX_DATAGRAM = 65536;
    /** recv reads at most this much at once, whatever bufsize asks (Python would allocate all of bufsize). */
    private static final int MAX_STREAM_READ = 1 << 20;
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    /** Idle selectors a socket keeps beyond the number of calls waiting on it; each waiting call has its own. */
    private static final int MAX_IDLE_SELECTORS = 2;
    private static final ThreadLocal<ByteBuffer> DATAGRAM_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_DATAGRAM));

    private enum Phase { FRESH, CONNECTING, CONNECTED, LISTENING }

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

    final String id;
    final Family family;
    final SockType type;

    private volatile boolean closed;
    /** Python's sock_timeout: null blocks forever, 0.0 never blocks, else seconds. */
    private volatile Double timeout;

    private final DatagramChannel dgram;
    private volatile SocketChannel stream;
    private volatile ServerSocketChannel server;
    private volatile Phase phase = Phase.FRESH;
    private volatile InetSocketAddress boundTo;
    private volatile boolean portChosenBySystem;
    /**
     * After a failed connect, Linux lets go of a port the system chose at bind (not one the user chose) but goes
     * on reporting it, until the socket connects or listens again and takes a new port on the same host.
     */
    private volatile InetSocketAddress releasedLocal;

    private volatile boolean writeShut;
    private volatile boolean readEof;
    /** recv saw the reset: Linux reports it once, then reads end of stream. */
    private volatile boolean resetSeen;
    /** A send found the connection gone; what the peer sent before it left can still be read. */
    private volatile boolean writeBroken;
    /** A connect with a timeout failed: the next connect() raises ConnectionAbortedError, as on Linux. */
    private volatile boolean connectAborted;
    private volatile boolean listenShut;

    /** Values the user set, re-applied when the TCP socket changes channel, and kept for options the JDK lacks. */
    private final Map<Option, Integer> options = new EnumMap<>(Option.class);
    private final Set<Selector> waiters = ConcurrentHashMap.newKeySet();
    /** Selectors no call is waiting on, each with this socket's channel registered: see {@link #await}. */
    private final ConcurrentLinkedDeque<Selector> idleSelectors = new ConcurrentLinkedDeque<>();

    /** Once a datagram socket has an address it keeps it; until then receive waits, as on Linux. */
    private volatile boolean dgramBound;
    private volatile SourceCache lastSource;

    private final LongAdder datagramsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    PySocket(String id, Family family, SockType type) throws PyException {
        this.id = id;
        this.family = family;
        this.type = type;
        try {
            if (type == SockType.SOCK_DGRAM) {
                dgram = DatagramChannel.open(family.protocolFamily());
                dgram.configureBlocking(false);
            } else {
                dgram = null;
                stream = openStream();
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new PyException(Errno.EAFNOSUPPORT);
        }
    }

    /** A connection accept() returned: blocking, like Python's {@code conn}. */
    PySocket(String id, Family family, SocketChannel accepted) throws IOException {
        this.id = id;
        this.family = family;
        this.type = SockType.SOCK_STREAM;
        this.dgram = null;
        accepted.configureBlocking(false);
        this.stream = accepted;
        this.phase = Phase.CONNECTED;
    }

    private SocketChannel openStream() throws IOException {
        SocketChannel ch = SocketChannel.open(family.protocolFamily());
        ch.configureBlocking(false);
        applyOptions(ch);
        return ch;
    }

    // ---------------------------------------------------------------- addresses and state

    PyValue bind(PyValue address) throws PyException {
        InetSocketAddress target = Addresses.parse("bind", family, address);
        NetworkChannel ch = channel();
        try {
            if (phase != Phase.FRESH || ch.getLocalAddress() != null) {
                throw Errno.EINVAL.exception();
            }
            ch.bind(target);
            boundTo = (InetSocketAddress) ch.getLocalAddress();
            portChosenBySystem = target.getPort() == 0;
            releasedLocal = null;
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
        return PyValue.NONE;
    }

    PyValue listen(long backlog) throws PyException {
        requireOpen();
        if (type != SockType.SOCK_STREAM) {
            throw Errno.EOPNOTSUPP.exception();
        }
        synchronized (this) {
            if (phase == Phase.LISTENING) {
                return PyValue.NONE;   // Linux only changes the backlog; the JDK cannot, which no one sees
            }
            if (phase != Phase.FRESH) {
                throw Errno.EINVAL.exception();
            }
            try {
                SocketAddress local = stream.getLocalAddress();
                if (local == null && releasedLocal != null) {
                    local = new InetSocketAddress(releasedLocal.getAddress(), 0);
                    releasedLocal = null;
                }
                ServerSocketChannel ssc = ServerSocketChannel.open(family.protocolFamily());
                ssc.configureBlocking(false);
                // The JDK turns SO_REUSEADDR on for server sockets; Python leaves it as the user set it.
                ssc.setOption(StandardSocketOptions.SO_REUSEADDR, options.getOrDefault(Option.SO_REUSEADDR, 0) != 0);
                applyOptions(ssc);
                stream.close();
                flushIdleSelectors();   // before bind: until then a selector's key keeps the old descriptor, and the port
                ssc.bind(local == null ? new InetSocketAddress(Addresses.resolve("", family), 0) : local,
                        (int) Math.max(0, Math.min(backlog, 4096)));
                server = ssc;
                phase = Phase.LISTENING;
                boundTo = (InetSocketAddress) ssc.getLocalAddress();
            } catch (IOException e) {
                throw Errno.wrap(e);
            }
        }
        return PyValue.NONE;
    }

    PyValue getsockname() throws PyException {
        requireOpen();
        try {
            return Addresses.toPython(family, localAddress());
        } catch (IOException e) {
            throw Errno.wrap(e);
        }
    }

    private SocketAddress localAddress() throws IOException, PyException {
        SocketAddress a = channel().getLocalAddress();
        return a == null && dgram == null ? releasedLocal : a;
    }

    PyValue getpeername() throws PyException {
        requireOpen();
        SocketAddress peer = peer();
        if (peer == null) {
            throw Errno.ENOTCONN.exception();
        }
        return Addresses.toPython(family, peer);
    }

    private SocketAddress peer() {
        try {
            if (dgram != null) {
                return dgram.getRemoteAddress();
            }
            if (phase != Phase.CONNECTED || tcpClosed()) {
                return null;
            }
            return stream.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** Both directions finished, or the peer reset: Linux moves the socket to CLOSE and forgets the peer. */
    private boolean tcpClosed() {
        return resetSeen || writeBroken || (writeShut && readEof);
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
            SocketAddress p = peer();
            remote = p == null ? null : Addresses.toPython(family, p);
        }
        return new SocketInfo(id, family, type, state(), local, remote, timeout,
                datagramsIn.sum(), bytesIn.sum(), bytesOut.sum());
    }

    SocketState state() {
        if (closed) {
            return SocketState.CLOSED;
        }
        if (dgram != null) {
            return dgram.isConnected() ? SocketState.ESTAB : SocketState.UNCONN;
        }
        return switch (phase) {
            case FRESH -> SocketState.UNCONN;
            case CONNECTING -> SocketState.SYN_SENT;
            case LISTENING -> SocketState.LISTEN;
            case CONNECTED -> tcpClosed() ? SocketState.CLOSED : readEof ? SocketState.CLOSE_WAIT : SocketState.ESTAB;
        };
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

    PyValue setsockopt(long level, long name, PyValue value) throws PyException {
        requireOpen();
        Option option = Option.of(level, name);
        if (value instanceof PyValue.Str || value instanceof PyValue.None) {
            throw new PyException(PyError.typeError("a bytes-like object is required, not '" + value.typeName() + "'"));
        }
        int v = (int) Args.integer(value);
        if (option == null || (option == Option.TCP_NODELAY && type != SockType.SOCK_STREAM)) {
            throw Errno.ENOPROTOOPT.exception();
        }
        NetworkChannel ch = channel();
        synchronized (this) {
            options.put(option, v);
            if (ch.supportedOptions().contains(option.jdk)) {
                try {
                    setJdkOption(ch, option, v);
                } catch (IOException | IllegalArgumentException e) {
                    throw fail(e);
                }
            }
        }
        return PyValue.NONE;
    }

    PyValue getsockopt(long level, long name) throws PyException {
        requireOpen();
        Option option = Option.of(level, name);
        if (option == null || (option == Option.TCP_NODELAY && type != SockType.SOCK_STREAM)) {
            throw Errno.ENOPROTOOPT.exception();
        }
        NetworkChannel ch = channel();
        if (!ch.supportedOptions().contains(option.jdk)) {
            return PyValue.of(options.getOrDefault(option, 0));
        }
        try {
            Object v = ch.getOption(option.jdk);
            if (v instanceof Boolean b) {
                return PyValue.of(b ? 1 : 0);
            }
            // On Linux the JDK halves the buffer sizes the kernel reports, to mirror what was set; Python does not.
            return PyValue.of(((Integer) v).longValue() * (LINUX && option != Option.SO_KEEPALIVE ? 2 : 1));
        } catch (IOException e) {
            throw Errno.wrap(e);
        }
    }

    private void applyOptions(NetworkChannel ch) throws IOException {
        for (Map.Entry<Option, Integer> e : options.entrySet()) {
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
            ch.setOption((SocketOption<Integer>) option.jdk, v);
        }
    }

    // ---------------------------------------------------------------- connections

    PyValue connect(CallContext ctx, PyValue address) throws PyException {
        InetSocketAddress target = Addresses.parse("connect", family, address);
        requireOpen();
        if (dgram != null) {
            try {
                synchronized (this) {
                    if (dgram.isConnected()) {
                        dgram.disconnect();
                    }
                    dgram.connect(target);
                }
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
            return PyValue.NONE;
        }
        Deadline deadline = deadline();
        synchronized (this) {
            switch (phase) {
                case CONNECTED, LISTENING -> throw Errno.EISCONN.exception();
                case CONNECTING -> {
                    if (finishConnect()) {
                        return PyValue.NONE;
                    }
                    if (deadline.nonBlocking()) {
                        throw Errno.EALREADY.exception();
                    }
                }
                case FRESH -> {
                    if (connectAborted) {
                        connectAborted = false;
                        throw Errno.ECONNABORTED.exception();
                    }
                    try {
                        InetSocketAddress released = releasedLocal;
                        if (released != null) {
                            stream.bind(new InetSocketAddress(released.getAddress(), 0));
                            boundTo = (InetSocketAddress) stream.getLocalAddress();
                            releasedLocal = null;
                        }
                        phase = Phase.CONNECTING;
                        if (stream.connect(target)) {
                            phase = Phase.CONNECTED;
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
        return PyValue.NONE;
    }

    /** Waits until a connect in progress completes; raises what the connect met. */
    private void awaitConnected(CallContext ctx, Deadline deadline) throws PyException {
        while (true) {
            if (deadline.nonBlocking()) {
                throw Errno.EAGAIN.exception();
            }
            await(ctx, stream, SelectionKey.OP_CONNECT, deadline);
            synchronized (this) {
                if (phase != Phase.CONNECTING || finishConnect()) {
                    return;
                }
            }
        }
    }

    /** Completes a pending connect if it can; a failed connect leaves a fresh socket behind, as on Linux. */
    private boolean finishConnect() throws PyException {
        try {
            if (stream.finishConnect()) {
                phase = Phase.CONNECTED;
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
        try {
            stream.close();
            flushIdleSelectors();   // before bind: until then a selector's key keeps the old descriptor, and the port
            SocketChannel fresh = openStream();
            InetSocketAddress bound = boundTo;
            if (bound != null && portChosenBySystem) {
                releasedLocal = bound;
            } else if (bound != null) {
                fresh.bind(bound);
            }
            stream = fresh;
        } catch (IOException e) {
            throw Errno.wrap(e);
        }
    }

    /** Returns the new connection; the engine names it and registers it. */
    SocketChannel accept(CallContext ctx) throws PyException {
        requireOpen();
        if (type != SockType.SOCK_STREAM) {
            throw Errno.EOPNOTSUPP.exception();
        }
        Deadline deadline = deadline();
        while (true) {
            ServerSocketChannel ssc = server;
            if (phase != Phase.LISTENING || listenShut) {
                throw Errno.EINVAL.exception();
            }
            try {
                SocketChannel conn = ssc.accept();
                if (conn != null) {
                    return conn;
                }
            } catch (IOException e) {
                throw fail(e);
            }
            waitOrRaise(ctx, ssc, SelectionKey.OP_ACCEPT, deadline);
        }
    }

    PyValue shutdown(long how) throws PyException {
        requireOpen();
        if (how < 0 || how > 2) {
            throw Errno.EINVAL.exception();
        }
        boolean rd = how != 1;
        boolean wr = how != 0;
        if (dgram != null) {
            // Linux marks an unconnected UDP socket shut down even as it answers ENOTCONN.
            writeShut |= wr;
            if (!dgram.isConnected()) {
                throw Errno.ENOTCONN.exception();
            }
            return PyValue.NONE;
        }
        if (phase == Phase.LISTENING) {
            listenShut = true;
            return PyValue.NONE;
        }
        if (phase != Phase.CONNECTED || tcpClosed()) {
            throw Errno.ENOTCONN.exception();
        }
        try {
            if (rd) {
                stream.shutdownInput();
            }
            if (wr) {
                stream.shutdownOutput();
                writeShut = true;
            }
        } catch (IOException e) {
            throw fail(e);
        }
        return PyValue.NONE;
    }

    PyValue close() {
        if (closed) {
            return PyValue.NONE;
        }
        closed = true;
        waiters.forEach(Selector::wakeup);
        for (java.io.Closeable c : new java.io.Closeable[] {dgram, stream, server}) {
            if (c != null) {
                closeQuietly(c);   // closing never fails in a way the user could act on
            }
        }
        // The selectors in use close as their calls end; closing the idle ones releases the channels' descriptors.
        closeIdleSelectors();
        return PyValue.NONE;
    }

    // ---------------------------------------------------------------- data

    PyValue sendto(CallContext ctx, byte[] data, PyValue address) throws PyException {
        InetSocketAddress target = Addresses.parse("sendto", family, address);
        requireOpen();
        if (dgram == null) {
            return send(ctx, data);   // TCP ignores the address, as Linux does
        }
        if (writeShut) {
            throw Errno.EPIPE.exception();
        }
        Deadline deadline = deadline();
        while (true) {
            try {
                int n = dgram.send(ByteBuffer.wrap(data), target);
                if (n > 0 || data.length == 0) {
                    bytesOut.add(n);
                    ctx.source = ownAddress();
                    return PyValue.of(n);
                }
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
            waitOrRaise(ctx, dgram, SelectionKey.OP_WRITE, deadline);
        }
    }

    PyValue send(CallContext ctx, byte[] data) throws PyException {
        requireOpen();
        if (writeShut) {
            throw Errno.EPIPE.exception();
        }
        Deadline deadline = deadline();
        if (dgram != null) {
            if (!dgram.isConnected()) {
                throw Errno.EDESTADDRREQ.exception();
            }
            while (true) {
                try {
                    int n = dgram.write(ByteBuffer.wrap(data));
                    if (n > 0 || data.length == 0) {
                        bytesOut.add(n);
                        ctx.source = ownAddress();
                        return PyValue.of(n);
                    }
                } catch (IOException | RuntimeException e) {
                    throw fail(e);
                }
                waitOrRaise(ctx, dgram, SelectionKey.OP_WRITE, deadline);
            }
        }
        requireConnected(ctx, deadline, Errno.EPIPE);
        requireNotBroken();
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (true) {
            int n = writeSome(buf);
            if (n > 0 || data.length == 0) {
                ctx.source = ownAddress();
                return PyValue.of(n);
            }
            waitOrRaise(ctx, stream, SelectionKey.OP_WRITE, deadline);
        }
    }

    PyValue sendall(CallContext ctx, byte[] data) throws PyException {
        if (dgram != null) {
            send(ctx, data);
            return PyValue.NONE;
        }
        requireOpen();
        if (writeShut) {
            throw Errno.EPIPE.exception();
        }
        Deadline deadline = deadline();
        requireConnected(ctx, deadline, Errno.EPIPE);
        requireNotBroken();
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            if (writeSome(buf) == 0) {
                waitOrRaise(ctx, stream, SelectionKey.OP_WRITE, deadline);
            }
        }
        ctx.source = ownAddress();
        return PyValue.NONE;
    }

    private int writeSome(ByteBuffer buf) throws PyException {
        requireOpen();
        try {
            int n = stream.write(buf);
            bytesOut.add(n);
            return n;
        } catch (IOException | RuntimeException e) {
            PyException pe = fail(e);
            if (pe.error().is(Errno.ECONNRESET) || pe.error().is(Errno.EPIPE)) {
                writeBroken = true;   // the kernel has dropped the connection (state CLOSE)
            }
            throw pe;
        }
    }

    /**
     * Once the connection is gone, Linux answers every send with EPIPE, an empty one too (the JDK would not even
     * make the system call for it and return 0).
     */
    private void requireNotBroken() throws PyException {
        if (resetSeen || writeBroken) {
            throw Errno.EPIPE.exception();
        }
    }

    PyValue recvfrom(CallContext ctx, int bufsize) throws PyException {
        requireOpen();
        if (dgram == null) {
            return PyValue.tuple(recv(ctx, bufsize), PyValue.NONE);
        }
        byte[] data = receiveDatagram(ctx, bufsize);
        return PyValue.tuple(PyValue.of(data), ctx.source);
    }

    PyValue recv(CallContext ctx, int bufsize) throws PyException {
        requireOpen();
        if (dgram != null) {
            return PyValue.of(receiveDatagram(ctx, bufsize));
        }
        Deadline deadline = deadline();
        if (phase == Phase.CONNECTING) {
            awaitConnected(ctx, deadline);
        }
        if (phase != Phase.CONNECTED) {
            throw Errno.ENOTCONN.exception();
        }
        ctx.source = (PyValue.Tuple) peerOrNull();
        if (bufsize == 0 || resetSeen) {
            return PyValue.of(new byte[0]);
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.min(bufsize, MAX_STREAM_READ));
        while (true) {
            requireOpen();
            int n;
            try {
                n = stream.read(buf);
            } catch (IOException | RuntimeException e) {
                PyException pe = fail(e);
                if (pe.error().is(Errno.ECONNRESET)) {
                    resetSeen = true;
                }
                throw pe;
            }
            if (n < 0) {
                readEof = true;
                return PyValue.of(new byte[0]);
            }
            if (n > 0) {
                bytesIn.add(n);
                return PyValue.of(Arrays.copyOf(buf.array(), n));
            }
            waitOrRaise(ctx, stream, SelectionKey.OP_READ, deadline);
        }
    }

    /** This socket's address, the source of what it sends. */
    private PyValue.Tuple ownAddress() {
        try {
            return Addresses.toPython(family, localAddress());
        } catch (IOException | PyException e) {
            return null;
        }
    }

    private PyValue peerOrNull() {
        SocketAddress p = peer();
        return p == null ? null : Addresses.toPython(family, p);
    }

    /** Takes one whole datagram and keeps the first bufsize bytes; the rest is lost, as in Python. */
    private byte[] receiveDatagram(CallContext ctx, int bufsize) throws PyException {
        Deadline deadline = deadline();
        ByteBuffer buf = DATAGRAM_BUFFER.get();
        while (true) {
            requireOpen();
            SocketAddress from = null;
            boolean bound;
            try {
                bound = dgramBound || (dgramBound = dgram.getLocalAddress() != null);
                if (bound) {
                    buf.clear();
                    // The JDK would bind an unbound channel here; Linux just waits, so only receive once bound.
                    from = dgram.receive(buf);
                }
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
            if (from != null) {
                buf.flip();
                int n = buf.remaining();
                int keep = Math.min(n, bufsize);
                byte[] data = new byte[keep];
                buf.get(data);
                ctx.discarded = n - keep;
                ctx.source = sourceOf(from);
                datagramsIn.increment();
                bytesIn.add(n);
                return data;
            }
            waitOrRaise(ctx, dgram, bound ? SelectionKey.OP_READ : 0, deadline);
        }
    }

    /**
     * The sender as Python writes it. A flood comes from one sender, and the JDK hands back the same address
     * object while the sender stays the same, so the last one is kept rather than formatted again per datagram.
     */
    private PyValue.Tuple sourceOf(SocketAddress from) {
        SourceCache cached = lastSource;
        if (cached != null && cached.address.equals(from)) {
            return cached.python;
        }
        PyValue.Tuple python = Addresses.toPython(family, from);
        lastSource = new SourceCache(from, python);
        return python;
    }

    private record SourceCache(SocketAddress address, PyValue.Tuple python) {
    }

    // ---------------------------------------------------------------- waiting

    /** When the call must wait: raise at once in non-blocking mode, else wait for readiness. */
    private void waitOrRaise(CallContext ctx, SelectableChannel ch, int ops, Deadline deadline) throws PyException {
        if (deadline.nonBlocking()) {
            throw Errno.EAGAIN.exception();
        }
        await(ctx, ch, ops, deadline);
    }

    private void requireConnected(CallContext ctx, Deadline deadline, Errno otherwise) throws PyException {
        if (phase == Phase.CONNECTING) {
            awaitConnected(ctx, deadline);
        }
        if (phase != Phase.CONNECTED) {
            throw otherwise.exception();
        }
    }

    /**
     * Waits until the channel is ready for ops (0: only for close, abandon or the deadline), with a selector of
     * its own so that calls waiting on one socket never hold up each other or other sockets. The selector is
     * borrowed from the socket's few idle ones, with the channel already registered, so that a receive loop that
     * keeps catching up with its sender does not open and close a selector (three file descriptors) per datagram.
     */
    private void await(CallContext ctx, SelectableChannel ch, int ops, Deadline deadline) throws PyException {
        Selector selector = borrowSelector();
        waiters.add(selector);
        ctx.enterWait(selector);
        try {
            register(selector, ch, ops);
            while (true) {
                requireOpen();
                // An interrupted thread's select returns at once, every time: end the call rather than spin.
                if (ctx.cancelled() || Thread.currentThread().isInterrupted()) {
                    throw new PyException(PyError.interrupted());
                }
                long millis = 0;
                if (deadline.infinite()) {
                    millis = 0;
                } else {
                    long remaining = deadline.remainingNanos();
                    if (remaining <= 0) {
                        throw new PyException(PyError.timeout());
                    }
                    millis = Math.max(1, (remaining + 999_999) / 1_000_000);
                }
                int ready = selector.select(millis);
                // A reused selector must forget this readiness, or the next wait would not see the next one.
                selector.selectedKeys().clear();
                if (ready > 0) {
                    return;
                }
            }
        } catch (ClosedChannelException | CancelledKeyException | java.nio.channels.ClosedSelectorException e) {
            throw Errno.EBADF.exception();
        } catch (IOException e) {
            throw Errno.wrap(e);
        } finally {
            waiters.remove(selector);
            ctx.leaveWait();
            returnSelector(selector);
        }
    }

    private Selector borrowSelector() throws PyException {
        Selector selector = idleSelectors.poll();
        if (selector != null) {
            return selector;
        }
        try {
            return Selector.open();
        } catch (IOException e) {
            throw Errno.wrap(e);
        }
    }

    /** Registers the channel for ops, or changes the ops of its key if this selector has seen the channel before. */
    private static void register(Selector selector, SelectableChannel ch, int ops) throws IOException {
        SelectionKey key = ch.keyFor(selector);
        if (key != null && key.isValid()) {
            key.interestOps(ops);
            return;
        }
        if (key != null) {
            selector.selectNow();   // a cancelled key stays until the next selection; register would fail before
            selector.selectedKeys().clear();
        }
        ch.register(selector, ops);
    }

    /** Keeps a few idle selectors; the others, and all of them once the socket is closed, are closed at once. */
    private void returnSelector(Selector selector) {
        // As many idle ones as calls still wait (they come back for one: 200 blocked accept() calls all wake for each
        // new connection, and all but one wait again), plus a few; so the idle ones shrink back as the waits end.
        int keep = MAX_IDLE_SELECTORS + waiters.size();
        if (!closed && selector.isOpen() && idleSelectors.size() < keep) {
            idleSelectors.push(selector);
            if (!closed) {
                return;
            }
        } else {
            closeQuietly(selector);
            Selector extra;
            while (idleSelectors.size() > keep && (extra = idleSelectors.pollLast()) != null) {
                closeQuietly(extra);
            }
            if (!closed) {
                return;
            }
        }
        closeIdleSelectors();   // the socket was closed meanwhile: close() may have missed this one
    }

    private void closeIdleSelectors() {
        Selector s;
        while ((s = idleSelectors.poll()) != null) {
            closeQuietly(s);
        }
    }

    /**
     * After the socket changed channel (listen, a failed connect), the idle selectors still hold the old one's
     * cancelled key, and with it the old file descriptor: a selection lets both go.
     */
    private void flushIdleSelectors() {
        List<Selector> taken = new ArrayList<>();
        Selector s;
        while ((s = idleSelectors.poll()) != null) {
            taken.add(s);
        }
        for (Selector sel : taken) {
            try {
                sel.selectNow();
                sel.selectedKeys().clear();
                returnSelector(sel);
            } catch (IOException | RuntimeException e) {
                closeQuietly(sel);
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing the user could act on
        }
    }

    private Deadline deadline() {
        return Deadline.of(timeout);
    }

    /** When a call must give up, from the timeout it read when it started. */
    private record Deadline(long atNanos) {
        static final Deadline NON_BLOCKING = new Deadline(-1);
        static final Deadline INFINITE = new Deadline(Long.MAX_VALUE);

        static Deadline of(Double timeout) {
            if (timeout == null) {
                return INFINITE;
            }
            if (timeout == 0.0) {
                return NON_BLOCKING;
            }
            return new Deadline(System.nanoTime() + (long) (timeout * 1e9));
        }

        boolean nonBlocking() {
            return atNanos == -1;
        }

        boolean infinite() {
            return atNanos == Long.MAX_VALUE;
        }

        long remainingNanos() {
            return atNanos - System.nanoTime();
        }
    }

    // ---------------------------------------------------------------- helpers

    private NetworkChannel channel() throws PyException {
        requireOpen();
        if (dgram != null) {
            return dgram;
        }
        return phase == Phase.LISTENING ? server : stream;
    }

    private void requireOpen() throws PyException {
        if (closed) {
            throw Errno.EBADF.exception();
        }
    }

    /** A JDK failure as Python would have reported it; any failure after close is EBADF. */
    private PyException fail(Exception e) {
        if (closed) {
            return Errno.EBADF.exception();
        }
        if (e instanceof PyException pe) {
            return pe;
        }
        return new PyException(Errno.of(e));
    }
}
