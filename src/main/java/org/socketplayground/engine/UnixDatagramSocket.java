package org.socketplayground.engine;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.file.LinkOption;
import java.nio.channels.SelectionKey;
import java.util.concurrent.atomic.LongAdder;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.socketplayground.engine.py.PyValue;

/**
 * An AF_UNIX SOCK_DGRAM socket, over junixsocket's datagram channel (the JDK has none): whole datagrams between paths
 * or abstract names on this machine. Its calls answer as CPython's on Linux: an unnamed sender is None, a send to a
 * path where nobody is bound is FileNotFoundError, send() unconnected is ENOTCONN (not UDP's EDESTADDRREQ), and
 * closing leaves the socket's file behind.
 *
 * <p>Known difference: junixsocket sends nothing for an empty datagram, where Linux sends one (0 is returned all the
 * same).
 */
final class UnixDatagramSocket extends PySocket {
    /** Larger than any datagram a default Linux socket buffer takes, so that what a small bufsize cuts is known. */
    private static final int MAX_DATAGRAM = 1 << 18;
    private static final ThreadLocal<ByteBuffer> DATAGRAM_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_DATAGRAM));

    /** Replaced when junixsocket closed it after a failed call, so that the Python socket stays usable. */
    private volatile AFUNIXDatagramChannel channel;
    private volatile boolean writeShut;
    private final LongAdder datagramsIn = new LongAdder();
    /** A datagram MSG_PEEK looked at (a channel cannot peek): the next receive takes it first. */
    private final KeptDatagrams kept = new KeptDatagrams();

    UnixDatagramSocket(String id) throws PyException {
        super(id, Family.AF_UNIX, SockType.SOCK_DGRAM);
        try {
            channel = open();
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: junixsocket's native library could not be loaded on this system
            throw new PyException(Errno.EAFNOSUPPORT);
        }
    }

    private static AFUNIXDatagramChannel open() throws IOException {
        AFUNIXDatagramChannel ch = AFUNIXDatagramChannel.open();
        ch.configureBlocking(false);
        return ch;
    }

    /**
     * A failed call as Python reports it. junixsocket closes the channel for good after some failures (a bind to a
     * path in use, a send to a path nobody is bound to), where the system's socket lives on: a new channel takes its
     * place, bound again to the address the socket had (its own file, which the closed channel left behind, goes
     * first).
     */
    private PyException failed(Exception e, SocketAddress had) {
        PyException reported = fail(e);
        synchronized (this) {
            if (!isClosed() && (!channel.isOpen() || channel.socket().isClosed())) {
                try {
                    AFUNIXDatagramChannel fresh = open();
                    if (had instanceof AFUNIXSocketAddress own) {
                        if (!own.isInAbstractNamespace()) {
                            java.nio.file.Files.deleteIfExists(own.getFile().toPath());
                        }
                        fresh.bind(own);
                    }
                    AFUNIXDatagramChannel lost = channel;
                    channel = fresh;
                    closeQuietly(lost);
                    waiter.flushIdleSelectors();   // they hold the closed channel's key
                } catch (IOException | RuntimeException again) {
                    // the socket stays closed underneath: its next call says so
                }
            }
        }
        return reported;
    }

    private SocketAddress local() {
        try {
            return channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    NetworkChannel currentChannel() {
        return channel;
    }

    @Override
    SocketAddress peer() {
        try {
            return channel.isConnected() ? channel.getRemoteAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    SocketState openState() {
        return channel.isConnected() ? SocketState.ESTAB : SocketState.UNCONN;
    }

    @Override
    Selects.Readiness readiness() {
        return new Selects.Readiness(channel, SelectionKey.OP_READ, 0, Selects.WRITE | (kept.isEmpty() ? 0 : Selects.READ));
    }

    @Override
    long datagramsIn() {
        return datagramsIn.sum();
    }

    // ---------------------------------------------------------------- addresses

    @Override
    PyValue bind(PyValue address) throws PyException {
        AFUNIXSocketAddress target = UnixAddresses.parse(address);
        requireOpen();
        try {
            if (channel.getLocalAddress() != null) {
                throw Errno.EINVAL.exception();
            }
            if (!target.isInAbstractNamespace() && java.nio.file.Files.exists(target.getFile().toPath(), LinkOption.NOFOLLOW_LINKS)) {
                // Linux refuses a path that exists, a socket file left by a closed socket too; junixsocket would
                // take the place of a file no socket holds
                throw Errno.EADDRINUSE.exception();
            }
            channel.bind(target);
            waiter.wakeAll();
        } catch (IOException | RuntimeException e) {
            throw failed(e, null);
        }
        return PyValue.NONE;
    }

    @Override
    PyValue connect(CallContext ctx, String call, PyValue address) throws PyException {
        AFUNIXSocketAddress target = UnixAddresses.parse(address);
        requireOpen();
        try {
            synchronized (this) {
                if (channel.isConnected()) {
                    channel.disconnect();
                }
                channel.connect(target);
            }
        } catch (IOException | RuntimeException e) {
            throw failed(e, local());
        }
        return PyValue.NONE;
    }

    @Override
    void shutdown(boolean read, boolean write) throws PyException {
        writeShut |= write;
        if (!channel.isConnected()) {
            throw Errno.ENOTCONN.exception();
        }
    }

    @Override
    void closeChannels() {
        closeQuietly(channel);
    }

    // ---------------------------------------------------------------- data

    @Override
    PyValue sendto(CallContext ctx, byte[] data, PyValue address) throws PyException {
        AFUNIXSocketAddress target = UnixAddresses.parse(address);
        requireOpen();
        if (writeShut) {
            throw Errno.EPIPE.exception();
        }
        return transmit(ctx, data, target);
    }

    @Override
    PyValue send(CallContext ctx, byte[] data, int flags) throws PyException {
        requireOpen();
        if (writeShut) {
            throw Errno.EPIPE.exception();
        }
        if (!channel.isConnected()) {
            throw Errno.ENOTCONN.exception();
        }
        return transmit(ctx, data, null);
    }

    @Override
    PyValue sendall(CallContext ctx, byte[] data) throws PyException {
        send(ctx, data, 0);
        return PyValue.NONE;
    }

    /** One datagram to target, or to the connected peer when target is null; waits while the receiver's queue is full. */
    private PyValue transmit(CallContext ctx, byte[] data, AFUNIXSocketAddress target) throws PyException {
        Deadline deadline = deadline();
        SocketAddress had = local();
        while (true) {
            try {
                ByteBuffer buf = ByteBuffer.wrap(data);
                int n = target == null ? channel.write(buf) : channel.send(buf, target);
                if (n > 0 || data.length == 0) {
                    bytesOut.add(n);
                    ctx.source = ownAddress();
                    ctx.destination = UnixAddresses.shown(UnixAddresses.toPython(target != null ? target : peer()));
                    return PyValue.of(n);
                }
            } catch (IOException | RuntimeException e) {
                throw failed(e, had);
            }
            waiter.waitOrRaise(ctx, channel, SelectionKey.OP_WRITE, deadline);
        }
    }

    @Override
    PyValue recvfrom(CallContext ctx, int bufsize, int flags) throws PyException {
        requireOpen();
        KeptDatagrams.Datagram got = receive(ctx, bufsize, flags);
        byte[] data = got.data().length <= bufsize ? got.data() : java.util.Arrays.copyOf(got.data(), bufsize);
        return PyValue.tuple(PyValue.Bytes.adopt(data), UnixAddresses.toPython(got.from()));
    }

    @Override
    PyValue recv(CallContext ctx, int bufsize, int flags) throws PyException {
        requireOpen();
        KeptDatagrams.Datagram got = receive(ctx, bufsize, flags);
        return PyValue.Bytes.adopt(got.data().length <= bufsize ? got.data() : java.util.Arrays.copyOf(got.data(), bufsize));
    }

    /** One whole datagram (kept ones first); what does not fit in bufsize is counted as lost, unless only peeked. */
    private KeptDatagrams.Datagram receive(CallContext ctx, int bufsize, int flags) throws PyException {
        boolean peek = (flags & Flags.MSG_PEEK) != 0;
        Deadline deadline = Flags.deadline(flags, deadline());
        ByteBuffer buf = DATAGRAM_BUFFER.get();
        while (true) {
            requireOpen();
            KeptDatagrams.Datagram got;
            try {
                synchronized (kept) {   // kept ones first, in the order they came
                    synchronized (ctx) {   // an abandoned call takes no datagram: see CallContext.cancel
                        ctx.requireNotCancelled();
                        got = peek ? kept.first() : kept.takeFirst();
                        if (got == null) {
                            got = take(buf);
                            if (got != null && peek) {
                                kept.add(got);
                                waiter.wakeAll();
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
            if (got != null) {
                int n = got.data().length;
                ctx.discarded = peek ? 0 : Math.max(0, n - bufsize);
                ctx.source = UnixAddresses.shown(UnixAddresses.toPython(got.from()));
                ctx.destination = ownAddress();
                if (!peek) {
                    datagramsIn.increment();
                    bytesIn.add(n);
                }
                return got;
            }
            waiter.waitOrRaise(ctx, channel, SelectionKey.OP_READ, deadline, kept::isEmpty);
        }
    }

    /**
     * One datagram from the channel, or null. junixsocket gives no address for an unnamed sender, as for no datagram
     * at all: a datagram with bytes tells them apart (an empty one from an unnamed sender cannot be told from none).
     */
    private KeptDatagrams.Datagram take(ByteBuffer buf) throws IOException {
        buf.clear();
        SocketAddress from = channel.receive(buf);
        if (from == null && buf.position() == 0) {
            return null;
        }
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        return new KeptDatagrams.Datagram(data, from);
    }
}
