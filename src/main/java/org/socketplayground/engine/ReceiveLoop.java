package org.socketplayground.engine;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.socketplayground.engine.py.PyValue;

/**
 * "Receive continuously" for every socket at once: one thread and one selector, as asyncio's event loop, in place of
 * a thread per socket (200 connections are one thread, not 200 runnable ones starving the window's thread).
 *
 * <p>Each step is a real recvfrom (or recv) through the engine, one record per datagram, with Python's semantics and
 * outcomes. A step that would wait <em>parks</em> instead of blocking the loop's thread: the socket's channel goes on
 * the loop's selector, and the same call goes on when the channel is readable (or another call changed the socket),
 * so its record reads as the call that waited since it first parked; it is announced as waiting once it has stayed
 * parked for a moment (under a flood the socket runs dry between datagrams again and again). In timeout mode a parked call ends in
 * TimeoutError once its timeout has passed; in non-blocking mode a step raises BlockingIOError at once and the loop
 * tries again a quarter of a second later rather than spin. A readable socket is drained up to a budget per wake-up,
 * so that one flood does not keep the others waiting.
 */
final class ReceiveLoop implements AutoCloseable {
    /** What {@link ChannelWaiter} throws instead of waiting, for a step of this loop; no record is made of it. */
    static final PyException PARKED = new PyException(new PyError("Parked", null, "(parked by the receive loop)"));
    /** After a failed step (BlockingIOError in non-blocking mode, an ICMP error), the next one: as the old loop's sleep. */
    private static final long REST_NANOS = 250_000_000L;
    /** A readable socket's budget per wake-up: this many records, or this many bytes received. */
    private static final int STEP_RECORDS = 256;
    private static final long STEP_BYTES = 1 << 20;
    /** How long the loop lets a stream's next datagrams gather when it ran dry: a few dozen at wire speed. */
    private static final long LINGER_NANOS = 100_000L;
    /** A socket that runs dry again within this is receiving a stream (a thousand datagrams a second or more). */
    private static final long STREAM_GAP_NANOS = 1_000_000L;
    /** A call parked this long is announced as waiting; one the socket's next datagram ends sooner is not. */
    private static final long ANNOUNCE_AFTER_NANOS = 20_000_000L;

    /** Where a parked call waits: the loop's half of a step that would have had to wait. */
    interface Parking {
        /**
         * The call waits for ops on ch (0: only for a change the waiter announces) until retryAtNanos at most; the
         * waiter's changes wake it from now on.
         */
        void park(CallContext ctx, ChannelWaiter waiter, SelectableChannel ch, int ops, long retryAtNanos);
    }

    /** One socket receiving continuously. */
    final class Entry implements Parking {
        final String socketId;
        final String call;
        final List<PyValue> args;
        final CallHandle handle;
        /** Takes each record of the loop (on the loop's thread); false ends the loop. */
        final Predicate<CallRecord> receiver;
        /** Runs once the loop is over, stopped or ended by itself. */
        final Runnable ended;
        /** Handed to the waiter it parks on: one object, so that it can take it back. */
        private final Runnable waker = this::wake;
        // The loop's thread only, but for the flags the wakers set.
        private final ChannelWatch watch = new ChannelWatch(selectors, this, waker);
        private long retryAt = Long.MAX_VALUE;
        private volatile boolean changed;
        private boolean ready;
        private boolean moreWaiting;
        /**
         * The socket ran dry in a stream that will go on: its last step took more than one datagram, or it ran dry
         * a moment ago too.
         */
        private boolean ranDry;
        private long lastDry = Long.MIN_VALUE / 2;
        private boolean stopped;
        /** The parked call: its number, when it started, and the waiter whose changes wake it; seq 0 when none. */
        private long parkedSeq;
        private Instant parkedTime;
        private long parkedNanos;
        /** When the parked call is to be announced as waiting; MAX_VALUE once it is, or when none is parked. */
        private long announceAt = Long.MAX_VALUE;
        private ChannelWaiter parkedOn;
        // Set by park() during a step.
        private SelectableChannel parkChannel;
        private int parkOps;

        Entry(String socketId, String call, long bufsize, CallHandle handle, Predicate<CallRecord> receiver, Runnable ended) {
            this.socketId = socketId;
            this.call = call;
            this.args = List.of(PyValue.of(bufsize));
            this.handle = handle;
            this.receiver = receiver;
            this.ended = ended;
        }

        /** The context of the entry's next call: a fresh call (numbered by seqs), or the parked one going on. */
        CallContext context(AtomicLong seqs, Effects effects, Consumer<CallContext> announce) {
            return parkedSeq == 0
                    ? new CallContext(seqs.incrementAndGet(), Instant.now(), System.nanoTime(), false, socketId, call, args, announce, effects, this)
                    : new CallContext(parkedSeq, parkedTime, parkedNanos, true, socketId, call, args, announce, effects, this);
        }

        /** The parked call, ended as Ctrl+C ends it. */
        CallContext parkedContext(Effects effects) {
            return new CallContext(parkedSeq, parkedTime, parkedNanos, true, socketId, call, args, c -> { }, effects, this);
        }

        @Override
        public void park(CallContext ctx, ChannelWaiter waiter, SelectableChannel ch, int ops, long retryAtNanos) {
            if (parkedSeq == 0) {
                parkedSeq = ctx.seq;
                parkedTime = ctx.time;
                parkedNanos = ctx.startNanos;
                announceAt = System.nanoTime() + ANNOUNCE_AFTER_NANOS;
            }
            parkChannel = ch;
            parkOps = ops;
            retryAt = retryAtNanos;
            if (parkedOn != waiter) {
                if (parkedOn != null) {
                    parkedOn.unpark(waker);
                }
                parkedOn = waiter;
                waiter.park(waker);
            }
        }

        /** Another call changed the socket (bound it, peeked a datagram, closed it): step again. */
        private void wake() {
            changed = true;
            selector.wakeup();
        }
    }

    private final SocketEngine engine;
    private final ChannelWatch.Selectors selectors;
    private final Selector selector;
    private final Thread thread;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Selections completed, for {@link #settle}. */
    private long rounds;
    private final Object roundsLock = new Object();
    private volatile boolean closed;

    ReceiveLoop(SocketEngine engine) throws IOException {
        this.engine = engine;
        this.selectors = new ChannelWatch.Selectors();
        this.selector = selectors.selector;
        this.thread = new Thread(this::run, "receive-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts receiving on the socket, unless it already is; false if it is. */
    boolean start(Entry entry) {
        if (entries.putIfAbsent(entry.socketId, entry) != null) {
            return false;
        }
        tasks.add(() -> stepSafely(entry));
        selector.wakeup();
        return true;
    }

    Entry entry(String socketId, String call, long bufsize, CallHandle handle, Predicate<CallRecord> receiver, Runnable ended) {
        return new Entry(socketId, call, bufsize, handle, receiver, ended);
    }

    /**
     * Stops the socket's loop: once this returns, no call of it starts or takes a datagram (its handle is abandoned).
     * A parked call ends in KeyboardInterrupt, as Ctrl+C ends a Python loop's recvfrom.
     */
    void stop(String socketId) {
        Entry e = entries.remove(socketId);
        if (e == null) {
            return;
        }
        e.handle.abandon();
        tasks.add(() -> finish(e, true));
        selector.wakeup();
    }

    /**
     * Waits until the loop's selector has let go of closed channels (a selection after the close), so that a
     * closed socket's port is free when close() returns, as with the engine's own waits. At most a second.
     */
    void settle() {
        if (Thread.currentThread() == thread || closed) {
            return;
        }
        synchronized (roundsLock) {
            // Two: the selection under way may have begun before the close; the next one lets the channel go.
            long target = rounds + 2;
            long end = System.nanoTime() + 1_000_000_000L;
            while (rounds < target && !closed) {
                if (System.nanoTime() > end) {
                    return;
                }
                selector.wakeup();
                try {
                    roundsLock.wait(1);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run() {
        try {
            while (!closed) {
                round();
            }
        } catch (IOException | ClosedSelectorException e) {
            // the engine closed the selector: the loop ends with it
        } finally {
            closed = true;
            synchronized (roundsLock) {
                roundsLock.notifyAll();
            }
        }
    }

    /**
     * One wake-up: the tasks handed in, a selection, then a step for each socket with something to do. A method of
     * its own, so that the JIT compiles it as any hot method, early: a loop that never returns could only be compiled
     * in place, late, and in one piece with everything it calls (about 400 ms of a core with 200 connections).
     */
    private void round() throws IOException {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        boolean busy = false;
        boolean stream = false;
        for (Entry e : entries.values()) {
            busy |= e.moreWaiting || e.changed;
            stream |= e.ranDry;
            e.ranDry = false;
            next = Math.min(next, Math.min(e.retryAt, e.announceAt));
        }
        if (stream && !busy && tasks.isEmpty()) {
            // A stream ran dry between two datagrams: let a few more come before looking again, rather than
            // wake for each one (two system calls and a parked call each time).
            LockSupport.parkNanos(LINGER_NANOS);
            selector.selectNow();
        } else if (busy || next <= now || !tasks.isEmpty()) {
            selector.selectNow();
        } else {
            selector.select(next == Long.MAX_VALUE ? 0 : Math.max(1, (next - now + 999_999) / 1_000_000));
        }
        synchronized (roundsLock) {
            rounds++;
            roundsLock.notifyAll();
        }
        for (SelectionKey k : selector.selectedKeys()) {
            ((Entry) k.attachment()).ready = true;
        }
        selector.selectedKeys().clear();
        now = System.nanoTime();
        for (Entry e : entries.values()) {
            if (e.announceAt <= now) {
                e.announceAt = Long.MAX_VALUE;
                if (e.parkedSeq != 0 && !e.stopped) {
                    engine.announceParked(e);
                }
            }
            if (e.ready || e.moreWaiting || e.changed || e.retryAt <= now) {
                stepSafely(e);
            }
        }
    }

    /** A step whose receiver fails ends that socket's loop, never the others'. */
    private void stepSafely(Entry e) {
        try {
            step(e);
        } catch (RuntimeException ex) {
            entries.remove(e.socketId, e);
            finish(e, true);   // a call it had waiting ends, as if stopped, rather than wait for ever in the list
        }
    }

    /** Calls while the socket has data, up to the budget; parks the call that would wait. */
    private void step(Entry e) {
        if (e.stopped) {
            return;
        }
        e.ready = false;
        e.changed = false;
        e.moreWaiting = false;
        long bytes = 0;
        for (int n = 0; n < STEP_RECORDS && bytes < STEP_BYTES; n++) {
            e.parkChannel = null;
            CallRecord r = engine.step(e);
            if (r == null) {
                if (e.parkChannel != null) {
                    long now = System.nanoTime();
                    e.ranDry = n > 1 || now - e.lastDry < STREAM_GAP_NANOS;
                    e.lastDry = now;
                    watch(e, e.parkChannel, e.parkOps);
                }
                return;   // or the loop was stopped: its stop() task finishes the entry
            }
            e.parkedSeq = 0;
            e.retryAt = Long.MAX_VALUE;
            e.announceAt = Long.MAX_VALUE;
            if (!e.receiver.test(r)) {
                entries.remove(e.socketId, e);
                finish(e, false);
                return;
            }
            if (r.failed() && !r.error().type().equals("TimeoutError")) {
                e.retryAt = System.nanoTime() + REST_NANOS;
                watch(e, null, 0);
                return;
            }
            PyValue.Bytes data = r.receivedData();
            bytes += data == null ? 0 : data.length();
        }
        e.moreWaiting = true;
    }

    /** Has the selector watch ch for ops on the entry's behalf (null: nothing, while the entry rests). */
    private void watch(Entry e, SelectableChannel ch, int ops) {
        switch (e.watch.watch(ch, ops)) {
            case CHANGED -> e.changed = true;   // closed meanwhile: the next step says so
            case NO_SELECTOR -> e.retryAt = System.nanoTime() + REST_NANOS;   // look again a little later
            case WATCHED -> { }
        }
    }

    /** The entry leaves the selector; a call it had parked ends in KeyboardInterrupt when the user stopped it. */
    private void finish(Entry e, boolean interrupted) {
        if (e.stopped) {
            return;
        }
        e.stopped = true;
        e.watch.cancel();
        if (e.parkedOn != null) {
            e.parkedOn.unpark(e.waker);
            e.parkedOn = null;
        }
        if (interrupted && e.parkedSeq != 0) {
            engine.interruptParked(e);
        }
        e.parkedSeq = 0;
        e.announceAt = Long.MAX_VALUE;
        e.ended.run();
    }

    @Override
    public void close() {
        closed = true;
        for (Entry e : new ArrayList<>(entries.values())) {
            e.handle.abandon();
        }
        entries.clear();
        selectors.close();   // wakes the loop's thread; every channel's registration goes with it
    }
}
