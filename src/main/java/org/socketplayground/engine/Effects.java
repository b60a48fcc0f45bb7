package org.socketplayground.engine;

import java.util.Set;
import java.util.TreeSet;

/**
 * Numbers the calls' effects in the order they happen, and knows which numbers are still unpublished. A call
 * publishes its record on its own thread when it ends; on loopback a send hands its datagram to a waiting receiver
 * inside the system call, so the receiver may publish first. Numbers tell the true order; the horizon tells a
 * listener how far it may release records without one arriving later that belongs before them.
 */
final class Effects {
    /** Calls that reach a peer: they number their effect just before they act, not when they return. */
    static final Set<String> ACT_ON_PEERS = Set.of("send", "sendto", "sendall", "connect", "connect_ex", "shutdown", "close");

    private final TreeSet<Long> unpublished = new TreeSet<>();
    private long last;

    /** A new number, counted unpublished until {@link #published}. */
    synchronized long take() {
        unpublished.add(++last);
        return last;
    }

    synchronized void published(long effect) {
        unpublished.remove(effect);
    }

    /** The lowest unpublished number, or one past the last number taken when all are published. */
    synchronized long horizon() {
        return unpublished.isEmpty() ? last + 1 : unpublished.first();
    }
}
