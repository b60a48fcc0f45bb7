package org.socketplayground.engine;

import java.util.Arrays;
import java.util.Set;

/**
 * Numbers the calls' effects in the order they happen, and knows which numbers are still unpublished. A call
 * publishes its record on its own thread when it ends; on loopback a send hands its datagram to a waiting receiver
 * inside the system call, so the receiver may publish first. Numbers tell the true order; the horizon tells a
 * listener how far it may release records without one arriving later that belongs before them.
 *
 * <p>A call that numbered itself before it acted and then has to wait (a sendall to a peer that does not read, a
 * connect to a host that does not answer) would hold every later record back for as long as it waits. So a number
 * whose call has waited longer than {@link #WAIT_GRACE_NANOS} no longer holds the horizon, and the call takes a new
 * number when it returns: it is listed where it returned, as any call that waited.
 */
final class Effects {
    /** Calls that reach a peer: they number their effect just before they act, not when they return. */
    static final Set<String> ACT_ON_PEERS = Set.of("send", "sendto", "sendall", "connect", "connect_ex", "shutdown", "close");
    /** How long a waiting call keeps its place: a loopback connect or a full send buffer clear well within it. */
    static final long WAIT_GRACE_NANOS = 50_000_000L;

    // Unpublished numbers in order, and since when each one's call waits (0 while it does not): as many as calls
    // under way, a few; arrays rather than a map, since every datagram received takes and gives back a number.
    private long[] numbers = new long[16];
    private long[] since = new long[16];
    private int count;
    private long last;

    /** A new number, counted unpublished until {@link #published}. */
    synchronized long take() {
        if (count == numbers.length) {
            numbers = Arrays.copyOf(numbers, count * 2);
            since = Arrays.copyOf(since, count * 2);
        }
        numbers[count] = ++last;
        since[count++] = 0;
        return last;
    }

    /** The call numbered so starts to wait. */
    synchronized void waiting(long effect, long sinceNanos) {
        int i = Arrays.binarySearch(numbers, 0, count, effect);
        if (i >= 0) {
            since[i] = sinceNanos;
        }
    }

    synchronized void published(long effect) {
        int i = Arrays.binarySearch(numbers, 0, count, effect);
        if (i >= 0) {
            System.arraycopy(numbers, i + 1, numbers, i, count - i - 1);
            System.arraycopy(since, i + 1, since, i, count - i - 1);
            count--;
        }
    }

    /** Whether a call that waited this long since it started to wait must take a new number. */
    static boolean waitedPastGrace(long waitedNanos) {
        return waitedNanos > WAIT_GRACE_NANOS;
    }

    /** The lowest unpublished number that still holds its place, or one past the last number taken. */
    synchronized long horizon() {
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (since[i] == 0 || !waitedPastGrace(now - since[i])) {
                return numbers[i];
            }
        }
        return last + 1;
    }
}
