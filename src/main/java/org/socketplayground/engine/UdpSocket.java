package org.socketplayground.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.atomic.LongAdder;
import org.socketplayground.engine.py.PyValue;

/** A SOCK_DGRAM socket: whole datagrams over one DatagramChannel, connected or not. */
final class UdpSocket extends PySocket {
    /** Largest datagram payload; a receive reads it whole so that the bytes cut by a small bufsize are known. */
    private static final int MAX_DATAGRAM = 65536;
    private static final ThreadLocal<ByteBuffer> DATAGRAM_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_DATAGRAM));

    private final DatagramChannel dgram;
    private final Memberships memberships = new Memberships();
    /** The datagram lab in front of what this socket receives, or null (no cost). */
    private volatile Lab lab;
    /** Once a datagram socket has an address it keeps it; until then receive waits, as on Linux. */
    private volatile boolean dgramBound;
    private volatile boolean writeShut;
    private volatile SourceCache lastSource;
    private final LongAdder datagramsIn = new LongAdder();
    private final KeptDatagrams kept = new KeptDatagrams();

    UdpSocket(String id, Family family) throws PyException {
        super(id, family, SockType.SOCK_DGRAM);
        try {
            dgram = DatagramChannel.open(family.protocolFamily());
            dgram.configureBlocking(false);
        } catch (IOException | UnsupportedOperationException e) {
            throw new PyException(Errno.EAFNOSUPPORT);
        }
    }

    @Override
    NetworkChannel currentChannel() {
        return dgram;
    }

    @Override
    SocketAddress peer() {
        try {
            return dgram.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    SocketState openState() {
        return dgram.isConnected() ? SocketState.ESTAB : SocketState.UNCONN;
    }

    @Override
    Selects.Readiness readiness() {
        // Always writable; readable when a datagram waits, in the channel or kept aside (peeked, or queued before connect).
        Lab l = lab;
        boolean due = !kept.isEmpty() || l != null && l.hasDue(System.nanoTime());
        return new Selects.Readiness(dgram, SelectionKey.OP_READ, 0, Selects.WRITE | (due ? Selects.READ : 0));
    }

    @Override
    long datagramsIn() {
        return datagramsIn.sum();
    }

    @Override
    PyValue connect(CallContext ctx, String call, PyValue address) throws PyException {
        InetSocketAddress target = Addresses.parse(call, family, address);
        requireOpen();
        try {
            synchronized (this) {
                reconnect(target);
            }
            waiter.wakeAll();   // connecting bound the socket: a recvfrom waiting for an address may go on
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
        return PyValue.NONE;
    }

    /**
     * Connects to target. The JDK's connect throws away the datagrams already queued, where Linux keeps them (all of
     * them, whoever sent them: it filters only later ones), so they are taken first and kept for the next receive.
     */
    private void reconnect(InetSocketAddress target) throws IOException {
        synchronized (kept) {
            if (dgram.getLocalAddress() != null) {
                kept.drain(dgram, DATAGRAM_BUFFER.get());
            }
            if (dgram.isConnected()) {
                dgram.disconnect();
            }
            dgram.connect(target);
        }
    }

    @Override
    void shutdown(boolean read, boolean write) throws PyException {
        // Linux marks an unconnected UDP socket shut down even as it answers ENOTCONN.
        writeShut |= write;
        if (!dgram.isConnected()) {
            throw Errno.ENOTCONN.exception();
        }
    }

    /**
     * Puts the lab in front of what the socket receives, with these settings, or takes it away (null): what it held
     * comes at once, in order. A receive waiting now looks again.
     */
    void lab(Lab.Settings settings, Lab.Drops drops) {
        synchronized (kept) {
            Lab old = lab;
            lab = settings == null ? null : new Lab(settings, drops);
            if (old != null) {
                old.release().forEach(kept::add);
            }
        }
        waiter.wakeAll();
    }

    @Override
    String labText() {
        Lab l = lab;
        return l == null || isClosed() ? null : l.settings().describe();   // a lab ends with its socket
    }

    @Override
    void changeMembership(long level, long name, PyValue mreq) throws PyException, IOException {
        memberships.set(dgram, level, name, mreq);
    }

    @Override
    java.util.List<String> groups() {
        return memberships.groups();
    }

    @Override
    void closeChannels() {
        closeQuietly(dgram);
        memberships.clear();   // closing the channel left its groups: the table lists none
    }

    // ---------------------------------------------------------------- data

    @Override
    PyValue sendto(CallContext ctx, byte[] data, PyValue address) throws PyException {
        InetSocketAddress target = Addresses.parse("sendto", family, address);
        requireOpen();
        if (writeShut) {
            throw Errno.EPIPE.exception();
        }
        return transmit(ctx, data, target, deadline());
    }

    @Override
    PyValue send(CallContext ctx, byte[] data, int flags) throws PyException {
        requireOpen();
        if (writeShut) {
            throw Errno.EPIPE.exception();
        }
        Deadline deadline = deadline();
        if (!dgram.isConnected()) {
            throw Errno.EDESTADDRREQ.exception();
        }
        return transmit(ctx, data, null, deadline);
    }

    @Override
    PyValue sendall(CallContext ctx, byte[] data) throws PyException {
        send(ctx, data, 0);
        return PyValue.NONE;
    }

    /** Sends one datagram to target, or to the connected peer when target is null. */
    private PyValue transmit(CallContext ctx, byte[] data, InetSocketAddress target, Deadline deadline)
            throws PyException {
        while (true) {
            try {
                ByteBuffer buf = ByteBuffer.wrap(data);
                int n = data.length == 0 && dgram.isConnected() ? sendEmptyToPeer(target)
                        : target == null ? dgram.write(buf) : dgram.send(buf, target);
                if (n > 0 || data.length == 0) {
                    bytesOut.add(n);
                    if (!dgramBound) {   // the first send bound the socket: a recvfrom waiting for an address may go on
                        dgramBound = true;
                        waiter.wakeAll();
                    }
                    InetSocketAddress to = target != null ? target : (InetSocketAddress) peer();
                    ctx.source = seenFrom(to);
                    ctx.destination = to == null ? null : Addresses.toPython(family, to);
                    return PyValue.of(n);
                }
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
            waiter.waitOrRaise(ctx, dgram, SelectionKey.OP_WRITE, deadline);
        }
    }

    /**
     * The JDK sends nothing for an empty write on a connected channel (it makes no system call for no bytes), where
     * Linux sends an empty datagram; unconnected, its send does make the call. So: disconnect, send, connect again,
     * keeping the datagrams queued meanwhile. The JDK keeps the port across the disconnect.
     */
    private int sendEmptyToPeer(InetSocketAddress target) throws IOException {
        synchronized (this) {
            SocketAddress peer = dgram.getRemoteAddress();
            if (peer == null || (target != null && !target.equals(peer))) {
                // unconnected meanwhile, or another address (which the JDK refuses): as the JDK answers
                return target == null ? dgram.write(ByteBuffer.allocate(0)) : dgram.send(ByteBuffer.allocate(0), target);
            }
            synchronized (kept) {
                kept.drain(dgram, DATAGRAM_BUFFER.get());
                dgram.disconnect();
                try {
                    dgram.send(ByteBuffer.allocate(0), peer);
                } finally {
                    reconnect((InetSocketAddress) peer);
                }
            }
            return 0;
        }
    }

    @Override
    PyValue recvfrom(CallContext ctx, int bufsize, int flags) throws PyException {
        requireOpen();
        byte[] data = receive(ctx, bufsize, flags);
        return PyValue.tuple(PyValue.Bytes.adopt(data), ctx.source);
    }

    @Override
    PyValue recv(CallContext ctx, int bufsize, int flags) throws PyException {
        requireOpen();
        return PyValue.Bytes.adopt(receive(ctx, bufsize, flags));
    }

    /**
     * Takes one whole datagram and keeps the first bufsize bytes; the rest is lost, as in Python. With MSG_PEEK the
     * datagram stays for the next receive; with MSG_DONTWAIT a blocking socket does not wait.
     */
    private byte[] receive(CallContext ctx, int bufsize, int flags) throws PyException {
        boolean peek = (flags & Flags.MSG_PEEK) != 0;
        Deadline deadline = Flags.deadline(flags, deadline());
        ByteBuffer buf = DATAGRAM_BUFFER.get();
        while (true) {
            requireOpen();
            KeptDatagrams.Datagram got = null;
            boolean bound;
            try {
                bound = dgramBound || (dgramBound = dgram.getLocalAddress() != null);
                if (bound) {
                    // The JDK would bind an unbound channel here; Linux just waits, so only receive once bound.
                    synchronized (kept) {   // kept ones first, in the order they came
                        synchronized (ctx) {   // an abandoned call takes no datagram: see CallContext.cancel
                            ctx.requireNotCancelled();
                            got = peek ? kept.first() : kept.takeFirst();
                            if (got == null) {
                                got = take(buf);
                                if (got != null && peek) {
                                    kept.add(got);
                                    waiter.wakeAll();   // other receives waiting on the channel take it from here
                                }
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
            if (got != null) {
                int n = got.data().length;
                int keep = Math.min(n, bufsize);
                ctx.discarded = peek ? 0 : n - keep;
                ctx.source = sourceOf(got.from());
                ctx.destination = ownAddress();
                ctx.lab = got.lab();
                if (!peek) {   // a peeked datagram is counted when it is taken
                    datagramsIn.increment();
                    bytesIn.add(n);
                }
                return keep == n ? got.data() : java.util.Arrays.copyOf(got.data(), keep);
            }
            Lab l = lab;
            if (bound && l != null) {   // a datagram the lab delays wakes the wait when it is due
                waiter.waitOrRaise(ctx, dgram, SelectionKey.OP_READ, deadline,
                        () -> kept.isEmpty() && lab == l && !l.hasDue(System.nanoTime()), l.nextDueNanos());
            } else if (bound) {
                waiter.waitOrRaise(ctx, dgram, SelectionKey.OP_READ, deadline, kept::isEmpty);
            } else {
                // Linux lets a datagram in once another thread binds the socket (or a send binds it): wait for that.
                waiter.waitOrRaise(ctx, dgram, 0, deadline, () -> !boundNow());
            }
        }
    }

    /** One datagram from the channel, through the lab when there is one, or null. */
    private KeptDatagrams.Datagram take(ByteBuffer buf) throws IOException {
        Lab l = lab;
        return l == null ? fromChannel(buf) : l.next(() -> fromChannel(buf), System.nanoTime());
    }

    private KeptDatagrams.Datagram fromChannel(ByteBuffer buf) throws IOException {
        buf.clear();
        SocketAddress from = dgram.receive(buf);
        if (from == null) {
            return null;
        }
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        return new KeptDatagrams.Datagram(data, from);
    }

    private boolean boundNow() {
        try {
            return dgramBound || dgram.getLocalAddress() != null;
        } catch (IOException e) {
            return true;   // closed: the receive looks again and finds out
        }
    }

    /**
     * This socket's address as the receiver at {@code to} sees it: a socket bound to every interface sends from
     * the address of the interface the datagram leaves by (127.0.0.1 to a loopback address), not from 0.0.0.0.
     */
    private PyValue.Tuple seenFrom(InetSocketAddress to) {
        PyValue.Tuple own = ownAddress();
        if (own == null || to == null || !Addresses.isWildcard(own)) {
            return own;
        }
        java.net.InetAddress via = Addresses.outgoingAddress(family, to.getAddress());
        int port = (int) ((PyValue.Int) own.get(1)).value();
        return via == null ? own : Addresses.toPython(family, new InetSocketAddress(via, port));
    }

    /**
     * The sender as Python writes it. A flood comes from one sender, and the JDK hands back the same address
     * object while the sender stays the same, so the last one is kept rather than formatted again per datagram.
     */
    PyValue.Tuple sourceOf(SocketAddress from) {
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
}
