package org.socketplayground.engine;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * The waits of one socket's calls. Its channels are always in non-blocking mode; a call in blocking or timeout
 * mode waits on a selector, as CPython does with poll(), so that the wait can end at a deadline, when the socket
 * is closed, or when the user abandons the call.
 */
final class ChannelWaiter {
    /** Idle selectors a socket keeps beyond the number of calls waiting on it; each waiting call has its own. */
    private static final int MAX_IDLE_SELECTORS = 2;

    private final BooleanSupplier socketClosed;
    private final Set<Selector> waiters = ConcurrentHashMap.newKeySet();
    /** Selectors no call is waiting on, each with this socket's channel registered: see {@link #await}. */
    private final ConcurrentLinkedDeque<Selector> idleSelectors = new ConcurrentLinkedDeque<>();
    /** The receive loop's calls parked on this socket: each is woken as a waiting call would be. */
    private final Set<Runnable> parked = ConcurrentHashMap.newKeySet();
    /**
     * Calls that wait to accept, or to read, queue in the order they first waited, and only the first in line waits
     * for readiness, until it ends: as the kernel wakes one blocked accept() or recvfrom() per arrival (an exclusive
     * wait), first come, first served. Without the line, 200 blocked accept() calls all woke for each connection, and
     * all but one waited again.
     */
    private final Map<Integer, Queue<CallContext>> lines = new ConcurrentHashMap<>();

    ChannelWaiter(BooleanSupplier socketClosed) {
        this.socketClosed = socketClosed;
    }

    /** When the call must wait: raise at once in non-blocking mode, else wait for readiness. */
    void waitOrRaise(CallContext ctx, SelectableChannel ch, int ops, Deadline deadline) throws PyException {
        waitOrRaise(ctx, ch, ops, deadline, () -> true);
    }

    /**
     * As {@link #waitOrRaise(CallContext, SelectableChannel, int, Deadline)}, and the wait also ends, without
     * readiness, once {@code stillNeeded} turns false: another call changed the socket (bound it, finished or failed
     * its connect) and then {@link #wakeAll}. The caller looks at the socket again.
     */
    void waitOrRaise(CallContext ctx, SelectableChannel ch, int ops, Deadline deadline, BooleanSupplier stillNeeded)
            throws PyException {
        waitOrRaise(ctx, ch, ops, deadline, stillNeeded, Long.MAX_VALUE);
    }

    /**
     * As above, and the wait also ends, without readiness, at wakeAtNanos (System.nanoTime; MAX_VALUE: never): when a
     * datagram the lab delays is due. The caller looks at the socket again.
     */
    void waitOrRaise(CallContext ctx, SelectableChannel ch, int ops, Deadline deadline, BooleanSupplier stillNeeded,
                     long wakeAtNanos) throws PyException {
        if (deadline.nonBlocking()) {
            throw Errno.EAGAIN.exception();
        }
        if (ctx.parking != null) {
            park(ctx, ch, ops, deadline, stillNeeded, wakeAtNanos);
            return;   // it need not wait after all: the caller looks again
        }
        await(ctx, ch, ops, deadline, stillNeeded, wakeAtNanos);
    }

    /**
     * A step of the receive loop parks rather than wait ({@link ReceiveLoop}): it raises TimeoutError once the
     * socket's timeout has passed since the call first parked, returns when it need not wait after all, and otherwise
     * hands the loop what to watch and raises {@link ReceiveLoop#PARKED}.
     */
    private void park(CallContext ctx, SelectableChannel ch, int ops, Deadline deadline, BooleanSupplier stillNeeded,
                      long wakeAtNanos) throws PyException {
        if (socketClosed.getAsBoolean()) {
            throw Errno.EBADF.exception();
        }
        if (ctx.cancelled()) {
            throw new PyException(PyError.interrupted());
        }
        long now = System.nanoTime();
        long retryAt = Long.MAX_VALUE;
        if (!deadline.infinite()) {
            long left = deadline.remainingNanos() - (now - ctx.startNanos);   // the deadline counts from the first park
            if (left <= 0) {
                throw new PyException(PyError.timeout());
            }
            retryAt = now + left;
        }
        if (!stillNeeded.getAsBoolean() || wakeAtNanos <= now) {
            return;
        }
        retryAt = Math.min(retryAt, wakeAtNanos);
        ctx.enterParkedWait();   // the loop announces it as waiting if it is still parked a moment later
        ctx.parking.park(ctx, this, ch, ops, retryAt);
        if (!stillNeeded.getAsBoolean()) {
            wakeAll();   // changed while parking: the loop steps again at once
        }
        throw ReceiveLoop.PARKED;
    }

    void park(Runnable waker) {
        parked.add(waker);
    }

    void unpark(Runnable waker) {
        parked.remove(waker);
    }

    /**
     * Waits until the channel is ready for ops (0: only for close, abandon or the deadline), with a selector of
     * its own so that calls waiting on one socket for different things (a send, a receive) never hold up each other
     * or other sockets; calls waiting for the same arrival take turns ({@link #lines}). The selector is
     * borrowed from the socket's few idle ones, with the channel already registered, so that a receive loop that
     * keeps catching up with its sender does not open and close a selector (three file descriptors) per datagram.
     */
    private void await(CallContext ctx, SelectableChannel ch, int ops, Deadline deadline, BooleanSupplier stillNeeded,
                       long wakeAtNanos) throws PyException {
        Selector selector = borrowSelector(ch);
        waiters.add(selector);
        Queue<CallContext> line = ops == SelectionKey.OP_ACCEPT || ops == SelectionKey.OP_READ
                ? lines.computeIfAbsent(ops, o -> new ConcurrentLinkedQueue<>()) : null;
        if (line != null && !ctx.inLine()) {
            line.add(ctx);   // before the call is announced as waiting: the first announced is served first
            ctx.joinLine(() -> {
                line.remove(ctx);
                CallContext next = line.peek();
                if (next != null) {
                    next.wakeWait();   // its turn: it now waits for readiness, which may be there already
                }
            });
        }
        try {
            ctx.enterWait(selector);
            while (true) {
                if (socketClosed.getAsBoolean()) {
                    throw Errno.EBADF.exception();
                }
                // An interrupted thread's select returns at once, every time: end the call rather than spin.
                if (ctx.cancelled() || Thread.currentThread().isInterrupted()) {
                    throw new PyException(PyError.interrupted());
                }
                // Checked once the selector is among the waiters: a change made since then wakes it, so none is missed. It
                // also ends a wait for OP_CONNECT that another call's finishConnect() made void, whose selector would
                // otherwise report the writable channel as nothing, at once, for ever (a spin at 100% CPU).
                if (!stillNeeded.getAsBoolean()) {
                    return;
                }
                // Behind another call in the line: wait only for close, abandon, the deadline or its turn.
                boolean first = line == null || line.peek() == ctx;
                register(selector, ch, first ? ops : 0);
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
                if (wakeAtNanos != Long.MAX_VALUE) {
                    long toWake = wakeAtNanos - System.nanoTime();
                    if (toWake <= 0) {
                        return;   // a delayed datagram is due: the caller takes it
                    }
                    long wakeMillis = Math.max(1, (toWake + 999_999) / 1_000_000);
                    millis = millis == 0 ? wakeMillis : Math.min(millis, wakeMillis);
                }
                int ready = select(selector, millis);
                // A reused selector must forget this readiness, or the next wait would not see the next one.
                selector.selectedKeys().clear();
                if (ready > 0 && first) {
                    return;
                }
            }
        } catch (ClosedChannelException | CancelledKeyException | ClosedSelectorException e) {
            if (!socketClosed.getAsBoolean() && !stillNeeded.getAsBoolean()) {
                return;   // the channel was swapped (a failed connect) while this call set out to wait on it
            }
            throw Errno.EBADF.exception();
        } catch (IOException e) {
            throw Errno.wrap(e);
        } finally {
            waiters.remove(selector);
            ctx.leaveWait();
            returnSelector(selector);
        }
    }

    /**
     * Selector.select(millis), 0 meaning for ever, for every provider's selector: junixsocket's takes 0 for a poll that
     * returns at once (a wait on an AF_UNIX socket would spin a core).
     */
    static int select(Selector selector, long millis) throws IOException {
        return millis == 0 ? selector.select() : selector.select(millis);
    }

    /** Ends every wait under way: each finds the socket closed. */
    void wakeAll() {
        waiters.forEach(Selector::wakeup);
        parked.forEach(Runnable::run);
    }

    private Selector borrowSelector(SelectableChannel ch) throws PyException {
        Selector selector = idleSelectors.poll();
        if (selector != null) {
            return selector;
        }
        try {
            return ch.provider().openSelector();   // junixsocket's channels register only with its own selectors
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
        // As many idle ones as calls still wait (a call that finds nothing to take waits again), plus a few; so the
        // idle ones shrink back as the waits end.
        int keep = MAX_IDLE_SELECTORS + waiters.size();
        if (!socketClosed.getAsBoolean() && selector.isOpen() && idleSelectors.size() < keep) {
            idleSelectors.push(selector);
            if (!socketClosed.getAsBoolean()) {
                return;
            }
        } else {
            PySocket.closeQuietly(selector);
            Selector extra;
            while (idleSelectors.size() > keep && (extra = idleSelectors.pollLast()) != null) {
                PySocket.closeQuietly(extra);
            }
            if (!socketClosed.getAsBoolean()) {
                return;
            }
        }
        closeIdleSelectors();   // the socket was closed meanwhile: close() may have missed this one
    }

    /**
     * Once the socket is closed: every selector, in use or idle, so that none keeps a closed channel's descriptor (a
     * listening port) open after close() returns. A call whose selector closes under it ends with EBADF.
     */
    void closeAllSelectors() {
        wakeAll();
        waiters.forEach(PySocket::closeQuietly);
        closeIdleSelectors();
    }

    void closeIdleSelectors() {
        Selector s;
        while ((s = idleSelectors.poll()) != null) {
            PySocket.closeQuietly(s);
        }
    }

    /**
     * After the socket changed channel (listen, a failed connect), the idle selectors still hold the old one's
     * cancelled key, and with it the old file descriptor: a selection lets both go.
     */
    void flushIdleSelectors() {
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
                PySocket.closeQuietly(sel);
            }
        }
    }
}
