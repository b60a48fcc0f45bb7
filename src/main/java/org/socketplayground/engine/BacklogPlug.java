package org.socketplayground.engine;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * listen(0) for a JDK that cannot ask for it. Linux's listen(0) queues one connection and drops the SYN of the next;
 * the JDK turns a backlog below 1 into 50. So the engine listens with 1 (two queued) and keeps one place taken by a
 * connection of its own, the plug: one place is left, as with Linux's 0. accept() throws the plug away when it meets
 * it and puts a new one behind the queue once it is done, so that the plug is never what accept() waits for.
 */
final class BacklogPlug {
    private final ServerSocketChannel server;
    private volatile SocketChannel client;
    private volatile InetSocketAddress clientAddress;

    BacklogPlug(ServerSocketChannel server) {
        this.server = server;
    }

    /** Takes the place again if it is free: a connection from this process, never returned by accept(). */
    synchronized void insert() {
        if (client != null || !server.isOpen()) {
            return;
        }
        try {
            InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
            InetAddress host = local.getAddress();
            if (host.isAnyLocalAddress()) {
                host = host instanceof Inet4Address ? InetAddress.getByName("127.0.0.1") : InetAddress.getByName("::1");
            }
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);   // closed with a reset: no TIME_WAIT on anyone's port
            ch.connect(new InetSocketAddress(host, local.getPort()));
            client = ch;
            clientAddress = null;
            address();
        } catch (IOException | RuntimeException e) {
            // Without the plug the socket queues two connections rather than one: no worse than the JDK alone.
        }
    }

    /** Whether accept() took the plug; if so it is thrown away, and its place stays free until {@link #insert}. */
    synchronized boolean takeIfPlug(SocketChannel accepted) {
        InetSocketAddress mine = address();
        try {
            if (mine == null || !mine.equals(accepted.getRemoteAddress())) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try {
            accepted.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException ignored) {
            // closed the ordinary way then
        }
        PySocket.closeQuietly(accepted);
        close();
        return true;
    }

    /** The plug's own address, known to the JDK once its connect is finished (at once on loopback). */
    private InetSocketAddress address() {
        SocketChannel ch = client;
        if (clientAddress == null && ch != null) {
            try {
                if (ch.finishConnect()) {
                    clientAddress = (InetSocketAddress) ch.getLocalAddress();
                }
            } catch (IOException | RuntimeException e) {
                close();   // refused or reset: the place is free
            }
        }
        return clientAddress;
    }

    synchronized void close() {
        SocketChannel ch = client;
        client = null;
        clientAddress = null;
        if (ch != null) {
            PySocket.closeQuietly(ch);
        }
    }
}
