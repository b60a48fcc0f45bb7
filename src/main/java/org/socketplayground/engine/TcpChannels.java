package org.socketplayground.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/**
 * The JDK channels behind one stream socket (TCP, or AF_UNIX on a path), and the local address Linux reports
 * across them. A stream socket is a
 * SocketChannel until listen() turns it into a ServerSocketChannel bound to the same address (the JDK has no
 * single channel that can become either); and the JDK closes a channel whose connect failed where Linux keeps
 * the socket, so a new SocketChannel takes its place. The socket holds its lock while the channel changes, and
 * this object's lock keeps close() out of a change: once close() returns, no channel of the socket is open.
 * An AF_UNIX channel's file stays when the channel closes, so the channel that takes its place removes it first.
 */
final class TcpChannels {
    private final Family family;
    private final SocketOptions options;
    private final ChannelWaiter waiter;

    private volatile SocketChannel stream;
    private volatile ServerSocketChannel server;
    /** Holds one place of the queue after listen(0); null for other backlogs. */
    private volatile BacklogPlug plug;
    private volatile InetSocketAddress boundTo;
    private volatile boolean portChosenBySystem;
    /**
     * After a failed connect, Linux lets go of a port the system chose at bind (not one the user chose) but goes
     * on reporting it, until the socket connects or listens again and takes a new port on the same host.
     */
    private volatile InetSocketAddress releasedLocal;
    /** The path an AF_UNIX socket is bound to, which its channel forgets once the JDK closes it. */
    private volatile SocketAddress unixPath;
    /** Set by close(); a change that comes later opens nothing. Guarded by this. */
    private boolean closed;

    /** A new, unconnected socket's channels. */
    TcpChannels(Family family, SocketOptions options, ChannelWaiter waiter) throws IOException {
        this.family = family;
        this.options = options;
        this.waiter = waiter;
        this.stream = openStream();
    }

    /** The channel of a connection accept() returned. */
    TcpChannels(Family family, SocketOptions options, ChannelWaiter waiter, SocketChannel accepted)
            throws IOException {
        this.family = family;
        this.options = options;
        this.waiter = waiter;
        accepted.configureBlocking(false);
        this.stream = accepted;
    }

    private SocketChannel openStream() throws IOException {
        SocketChannel ch = SocketChannel.open(family.protocolFamily());   // AF_UNIX too: the JDK's own, for paths
        ch.configureBlocking(false);
        options.applyTo(ch);
        return ch;
    }

    SocketChannel stream() {
        return stream;
    }

    /** The listening channel; null until listen(). */
    ServerSocketChannel server() {
        return server;
    }

    /** bind() took this address; a port the system chose is one a failed connect lets go of. */
    void bound(InetSocketAddress asked, InetSocketAddress actual) {
        boundTo = actual;
        portChosenBySystem = asked.getPort() == 0;
        releasedLocal = null;
    }

    /** bind() of an AF_UNIX socket to a path. */
    synchronized void bindUnix(SocketAddress path) throws IOException {
        stream.bind(path);
        unixPath = path;
    }

    /** The address Linux reports: the channel's, or else the port a failed connect let go of. */
    SocketAddress reportedLocal(SocketAddress channelLocal) {
        return channelLocal == null ? releasedLocal : channelLocal;
    }

    /** Before a connect: takes a new port on the host of a port a failed connect let go of. */
    synchronized void rebindReleased() throws IOException {
        InetSocketAddress released = releasedLocal;
        if (released != null) {
            stream.bind(new InetSocketAddress(released.getAddress(), 0));
            boundTo = (InetSocketAddress) stream.getLocalAddress();
            releasedLocal = null;
        }
    }

    /** After a failed connect: a new channel with the user's options, bound as Linux keeps the socket bound. */
    synchronized void replaceFailedStream() throws IOException {
        SocketAddress unixLocal = unixPath;
        stream.close();
        if (closed) {
            throw new ClosedChannelException();   // the socket was closed: no new channel
        }
        waiter.flushIdleSelectors();   // before bind: until then a selector's key keeps the old descriptor, and the port
        SocketChannel fresh = openStream();
        if (unixLocal != null) {
            stream = fresh;
            rebindUnix(fresh, unixLocal);   // the closed channel's file is the socket's own: it takes the path again
            return;
        }
        InetSocketAddress bound = boundTo;
        if (bound != null && portChosenBySystem) {
            releasedLocal = bound;
        } else if (bound != null) {
            fresh.bind(bound);
        }
        stream = fresh;
    }

    /** Binds an AF_UNIX channel to the path its socket's closed channel held, whose file that channel left behind. */
    private static void rebindUnix(NetworkChannel ch, SocketAddress own) throws IOException {
        Files.deleteIfExists(((UnixDomainSocketAddress) own).getPath());
        ch.bind(own);
    }

    /**
     * listen() on an AF_UNIX socket: a listening channel on the path the socket is bound to, whose file (left by the
     * stream channel) goes first. Linux lets no unbound AF_UNIX socket listen.
     */
    private void listenUnix(long backlog) throws IOException, PyException {
        SocketAddress local = unixPath;
        if (local == null) {
            throw Errno.EINVAL.exception();
        }
        ServerSocketChannel ssc = ServerSocketChannel.open(family.protocolFamily());
        ssc.configureBlocking(false);
        stream.close();
        waiter.flushIdleSelectors();
        try {
            Files.deleteIfExists(((UnixDomainSocketAddress) local).getPath());
            // Linux queues backlog + 1 AF_UNIX connections, so 0 still takes one; the JDK would read 0 as 50
            ssc.bind(local, (int) Math.max(1, Math.min(backlog, 4096)));
        } catch (IOException | RuntimeException e) {
            ssc.close();
            throw e;
        }
        server = ssc;
    }

    /** Swaps the stream channel for a listening one on the same address, or on any port of its host. */
    synchronized void listen(long backlog) throws IOException, PyException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (family == Family.AF_UNIX) {
            listenUnix(backlog);
            return;
        }
        SocketAddress local = stream.getLocalAddress();
        if (local == null && releasedLocal != null) {
            local = new InetSocketAddress(releasedLocal.getAddress(), 0);
            releasedLocal = null;
        }
        ServerSocketChannel ssc = ServerSocketChannel.open(family.protocolFamily());
        ssc.configureBlocking(false);
        // The JDK turns SO_REUSEADDR on for server sockets; Python leaves it as the user set it.
        ssc.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
        options.applyTo(ssc);
        stream.close();
        waiter.flushIdleSelectors();   // before bind: until then a selector's key keeps the old descriptor, and the port
        try {
            // CPython reads a negative backlog as 0; the JDK reads 0 as 50, so 0 is 1 and a plug: see BacklogPlug.
            int wanted = (int) Math.max(0, Math.min(backlog, 4096));
            ssc.bind(local == null ? new InetSocketAddress(Addresses.resolve("", family), 0) : local, Math.max(1, wanted));
            if (wanted == 0) {
                plug = new BacklogPlug(ssc);
                plug.insert();
            }
        } catch (IOException | PyException | RuntimeException e) {
            ssc.close();
            throw e;
        }
        server = ssc;
        boundTo = (InetSocketAddress) ssc.getLocalAddress();
    }

    synchronized void close() {
        closed = true;
        PySocket.closeQuietly(stream);
        ServerSocketChannel ssc = server;
        if (ssc != null) {
            PySocket.closeQuietly(ssc);
        }
        BacklogPlug p = plug;
        if (p != null) {
            p.close();
        }
    }

    /** After listen(0), the plug's place; null for other backlogs. */
    BacklogPlug plug() {
        return plug;
    }
}
