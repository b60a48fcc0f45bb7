package org.socketplayground.engine;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * Datagrams a UDP socket has taken from its channel but not yet handed out, oldest first: one that MSG_PEEK looked
 * at (a DatagramChannel cannot peek), and those queued before connect() (the JDK's connect throws the queue away,
 * Linux keeps it). A receive takes from here before it takes from the channel. Guarded by this object's lock, which
 * every receive holds while it takes, so that the order of arrival is kept.
 */
final class KeptDatagrams {
    /** @param lab what the datagram lab did to it ("duplicated by the lab", ...), or null */
    record Datagram(byte[] data, SocketAddress from, String lab) {
        Datagram(byte[] data, SocketAddress from) {
            this(data, from, null);
        }
    }

    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private volatile boolean empty = true;

    /** Whether none is kept: a receive may wait on the channel. Read without the lock by waits. */
    boolean isEmpty() {
        return empty;
    }

    synchronized Datagram first() {
        return queue.peekFirst();
    }

    synchronized Datagram takeFirst() {
        Datagram d = queue.pollFirst();
        empty = queue.isEmpty();
        return d;
    }

    synchronized void add(Datagram d) {
        queue.addLast(d);
        empty = false;
    }

    /** Takes every datagram queued on the channel (which must be bound and non-blocking) into the kept ones. */
    synchronized void drain(DatagramChannel channel, ByteBuffer buf) throws IOException {
        while (true) {
            buf.clear();
            SocketAddress from = channel.receive(buf);
            if (from == null) {
                return;
            }
            buf.flip();
            byte[] data = new byte[buf.remaining()];
            buf.get(data);
            add(new Datagram(data, from));
        }
    }
}
