package org.socketplayground.engine;

import java.nio.channels.Selector;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.socketplayground.engine.py.PyValue;

/** One call in progress: what the record will say, and the handle to abandon the call while it waits. */
final class CallContext {
    final long seq;
    final Instant time;
    final long startNanos;
    /** For a step of the receive loop: where the call parks rather than wait on its thread; null for any other call. */
    final ReceiveLoop.Parking parking;
    final String call;
    final List<PyValue> args;
    String socketId;
    int discarded;
    PyValue.Tuple source;
    PyValue.Tuple destination;
    /** What the datagram lab did to the datagram this call received, or null. */
    String lab;

    private final Consumer<CallContext> onFirstWait;
    private final Effects effects;
    /** The call's place among the engine's effects; 0 until taken. */
    private long effect;
    /** When the call first started to wait (System.nanoTime), 0 if it has not. */
    private long waitedSince;
    private volatile boolean blocked;
    private volatile boolean cancelled;
    private volatile Selector selector;
    /** Where the call left the line it waited in on its socket ({@link ChannelWaiter}); null if it joined none. */
    private Runnable leaveLine;

    CallContext(long seq, String socketId, String call, List<PyValue> args, Consumer<CallContext> onFirstWait,
                Effects effects) {
        this(seq, Instant.now(), System.nanoTime(), false, socketId, call, args, onFirstWait, effects, null);
    }

    /**
     * With its start given; for a step of the receive loop (parking not null): a fresh call, or (waited) the parked
     * call going on, with the number and start it had when it first parked. A step never waits on its thread; it is
     * announced, as waiting, when it first parks.
     */
    CallContext(long seq, Instant time, long startNanos, boolean waited, String socketId, String call, List<PyValue> args,
                Consumer<CallContext> onFirstWait, Effects effects, ReceiveLoop.Parking parking) {
        this.seq = seq;
        this.time = time;
        this.startNanos = startNanos;
        this.socketId = socketId;
        this.call = call;
        this.args = args;
        this.onFirstWait = onFirstWait;
        this.effects = effects;
        this.parking = parking;
        this.blocked = waited;
    }

    /** Numbers the call's effect now, unless it already has its number. Only the call's own thread calls it. */
    void effectNow() {
        if (effect == 0) {
            effect = effects.take();
        }
    }

    /**
     * Numbers the call where it returns: a call that has no number yet, or one that waited so long that its first
     * number stopped holding the others back ({@link Effects}).
     */
    void effectAtReturn() {
        if (effect != 0 && waitedSince != 0 && Effects.waitedPastGrace(System.nanoTime() - waitedSince)) {
            effects.published(effect);
            effect = 0;
        }
        effectNow();
    }

    /** Gives the call's number up, for a call that ends without a record. */
    void releaseEffect() {
        if (effect != 0) {
            effects.published(effect);
        }
    }

    long effect() {
        return effect;
    }

    boolean blocked() {
        return blocked;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Called holding this object's lock, just before an attempt to take data: an abandoned call takes nothing. */
    void requireNotCancelled() throws PyException {
        if (cancelled) {
            throw new PyException(PyError.interrupted());
        }
    }

    /** Called each time the call is about to wait; announces the pending record the first time. */
    void enterWait(Selector waitingOn) {
        selector = waitingOn;
        if (markWaiting()) {
            onFirstWait.accept(this);
        }
    }

    /**
     * As {@link #enterWait}, for a receive loop's step that parks, but not announced: under a flood the socket runs
     * dry between datagrams again and again, and a pending record for each of those waits of microseconds would
     * cost as much as the datagrams' own; the loop announces a call that stays parked ({@link ReceiveLoop}).
     */
    void enterParkedWait() {
        markWaiting();
    }

    /** Counts the call as one that waited; true the first time. */
    private boolean markWaiting() {
        if (blocked) {
            return false;
        }
        blocked = true;
        waitedSince = System.nanoTime();
        if (effect != 0) {
            effects.waiting(effect, waitedSince);
        }
        return true;
    }

    void leaveWait() {
        selector = null;
    }

    /** Wakes the call's wait, if it is waiting: something it waits for may have changed. */
    void wakeWait() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    boolean inLine() {
        return leaveLine != null;
    }

    /** The call waits in a line until it ends: {@code leave} runs then. Only the call's own thread calls it. */
    void joinLine(Runnable leave) {
        leaveLine = leave;
    }

    /** The call has ended, its record published or not: it leaves its line, and the next call in it takes its turn. */
    void ended() {
        if (leaveLine != null) {
            leaveLine.run();
            leaveLine = null;
        }
    }

    /**
     * Abandons the call: it ends with KeyboardInterrupt, as if the student had pressed Ctrl+C. Waits for an attempt
     * to take data that is under way ({@link #requireNotCancelled}, under this object's lock), so that none starts
     * after this returns.
     */
    void cancel() {
        synchronized (this) {
            cancelled = true;
        }
        wakeWait();
    }

    CallRecord record(CallRecord.Status status, PyValue value, PyError error) {
        return new CallRecord(seq, time, socketId, call, args, status, value, error,
                System.nanoTime() - startNanos, blocked, discarded, source, destination,
                status == CallRecord.Status.PENDING ? 0 : effect, lab);
    }
}
