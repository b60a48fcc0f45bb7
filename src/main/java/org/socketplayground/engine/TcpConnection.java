package org.socketplayground.engine;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import org.socketplayground.engine.py.PyValue;

/**
 * The byte stream of a connected TCP socket, and what Linux remembers of its two ends: they decide the socket's
 * state, whether it still has a peer, and what a send or a receive meets. Made once the socket is connected,
 * when its channel no longer changes.
 */
final class TcpConnection {
    /** recv reads at most this much at once, whatever bufsize asks (Python would allocate all of bufsize). */
    private static final int MAX_STREAM_READ = 1 << 20;

    private final PySocket socket;
    private final SocketChannel channel;

    private volatile boolean writeShut;
    private volatile boolean readEof;
    /** recv saw the reset: Linux reports it once, then reads end of stream. */
    private volatile boolean resetSeen;
    /** A send found the connection gone; what the peer sent before it left can still be read. */
    private volatile boolean writeBroken;
    /**
     * shutdown(SHUT_RD): Linux still hands out what arrives, and answers b'' at once when nothing has. The JDK's
     * shutdownInput would answer end of stream for ever, so the engine keeps this flag rather than call it.
     */
    private volatile boolean readShut;
    /** Bytes MSG_PEEK read from the channel, handed out first (a channel cannot peek). Guarded by this. */
    private byte[] peeked = new byte[0];

    TcpConnection(PySocket socket, SocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    /** Both directions finished, or the peer reset: Linux moves the socket to CLOSE and forgets the peer. */
    boolean closed() {
        return resetSeen || writeBroken || (writeShut && readEof);
    }

    SocketState state() {
        return closed() ? SocketState.ENDED : readEof ? SocketState.CLOSE_WAIT : SocketState.ESTAB;
    }

    boolean writeShut() {
        return writeShut;
    }

    /** For select(): peeked bytes and shut reads are readable now; the rest the channel tells. */
    Selects.Readiness readiness() {
        boolean now;
        synchronized (this) {
            now = peeked.length > 0;
        }
        return new Selects.Readiness(channel, SelectionKey.OP_READ, SelectionKey.OP_WRITE,
                now || readShut || closed() ? Selects.READ : 0);
    }

    SocketAddress peer() {
        try {
            return closed() ? null : channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    void shutdown(boolean read, boolean write) throws PyException {
        try {
            if (read) {
                readShut = true;
                socket.waiter.wakeAll();   // a recv waiting now returns b''
            }
            if (write) {
                channel.shutdownOutput();
                writeShut = true;
            }
        } catch (IOException e) {
            throw socket.fail(e);
        }
    }

    // ---------------------------------------------------------------- data

    PyValue send(CallContext ctx, byte[] data, Deadline deadline) throws PyException {
        requireNotBroken();
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (true) {
            int n = writeSome(buf);
            if (n > 0 || data.length == 0) {
                ctx.source = socket.ownAddress();
                ctx.destination = socket.peerOrNull();
                return PyValue.of(n);
            }
            socket.waiter.waitOrRaise(ctx, channel, SelectionKey.OP_WRITE, deadline);
        }
    }

    void sendall(CallContext ctx, byte[] data, Deadline deadline) throws PyException {
        requireNotBroken();
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            if (writeSome(buf) == 0) {
                socket.waiter.waitOrRaise(ctx, channel, SelectionKey.OP_WRITE, deadline);
            }
        }
        ctx.source = socket.ownAddress();
        ctx.destination = socket.peerOrNull();
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

    private int writeSome(ByteBuffer buf) throws PyException {
        socket.requireOpen();
        try {
            int n = channel.write(buf);
            socket.bytesOut.add(n);
            return n;
        } catch (IOException | RuntimeException e) {
            PyException pe = socket.fail(e);
            if (pe.error().is(Errno.ECONNRESET) || pe.error().is(Errno.EPIPE)) {
                writeBroken = true;   // the kernel has dropped the connection (state CLOSE)
            }
            throw pe;
        }
    }

    /** What recv gives: what is there (peeked bytes first), else b'' at the end, else it waits as the deadline says. */
    PyValue recv(CallContext ctx, int bufsize, Deadline deadline, boolean peek) throws PyException {
        if (bufsize == 0 || resetSeen) {
            return PyValue.of(new byte[0]);
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.min(bufsize, MAX_STREAM_READ));
        while (true) {
            socket.requireOpen();
            int n;
            byte[] out;
            try {
                synchronized (this) {
                    synchronized (ctx) {   // an abandoned call takes no data: see CallContext.cancel
                        ctx.requireNotCancelled();
                        buf.clear();
                        buf.limit(Math.max(0, buf.capacity() - peeked.length));
                        n = buf.hasRemaining() ? channel.read(buf) : 0;
                        out = take(buf, n, bufsize, peek);
                    }
                }
            } catch (IOException | RuntimeException e) {
                PyException pe = socket.fail(e);
                if (pe.error().is(Errno.ECONNRESET)) {
                    resetSeen = true;
                }
                throw pe;
            }
            if (out.length > 0) {
                if (!peek) {
                    socket.bytesIn.add(out.length);
                }
                return PyValue.Bytes.adopt(out);
            }
            if (n < 0) {
                readEof = true;
                return PyValue.of(new byte[0]);
            }
            if (readShut) {
                return PyValue.of(new byte[0]);   // shut for reading and nothing there: Linux answers at once
            }
            socket.waiter.waitOrRaise(ctx, channel, SelectionKey.OP_READ, deadline, () -> !readShut);
        }
    }

    /**
     * The peeked bytes and the n just read, as one, up to bufsize; a peek keeps them all for the next recv, a recv
     * keeps what it leaves. Holds this. (After the end of stream the channel reads -1 again, so nothing is lost.)
     */
    private byte[] take(ByteBuffer buf, int n, int bufsize, boolean peek) {
        int fresh = Math.max(n, 0);
        byte[] all = Arrays.copyOf(peeked, peeked.length + fresh);
        System.arraycopy(buf.array(), 0, all, peeked.length, fresh);
        int give = Math.min(all.length, bufsize);
        peeked = peek ? all : Arrays.copyOfRange(all, give, all.length);
        return give == all.length ? all : Arrays.copyOf(all, give);
    }
}
